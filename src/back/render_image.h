/* render_image.h - one image of a map (a persona's portrait, a step's
 * sketch): read, sniffed, checked, measured and drawn with cairo.
 *
 * The image's type comes from its bytes, never its name: PNG, JPEG or SVG.
 * Reading proves the image draws (it is decoded completely once); drawing
 * decodes it again from the bytes kept, so an image holds no decoded
 * pixels.  Sizes are CSS pixels; the box an image is drawn into is in the
 * user space of the cairo context given.  Errors are one lower-case line
 * without the file's name (the caller names the file).
 */
#ifndef JOURNEY_RENDER_IMAGE_H
#define JOURNEY_RENDER_IMAGE_H

#include <cairo.h>
#include <stddef.h>

typedef enum { RENDER_IMAGE_PNG, RENDER_IMAGE_JPEG, RENDER_IMAGE_SVG } render_image_type;

typedef struct {
    render_image_type type;
    unsigned char *data;       /* the file's bytes (malloc'd) */
    size_t len;
    double width, height;      /* intrinsic size in CSS pixels, both > 0, after EXIF orientation */
    int orientation;           /* JPEG EXIF orientation 1..8 (1 for others) */
} render_image;

/* Larger files are refused. */
#define RENDER_IMAGE_MAX_BYTES ((size_t)16 << 20)
/* width * height of a raster image, checked from the header before decoding. */
#define RENDER_IMAGE_MAX_PIXELS 40000000.0
/* A raster image's longest side (cairo's image surfaces go no further). */
#define RENDER_IMAGE_MAX_SIDE 32767u

/* Reads the file at path, sniffs its type from its bytes, reads its size
 * and decodes it completely once to prove it draws.  0, or -1 with a
 * one-line lower-case reason in err (no path in it), e.g. "not a PNG, JPEG
 * or SVG image", "a PNG image cut short", "larger than 16 MB", "is a FIFO,
 * not a regular file".  Never blocks on a FIFO or device, never allocates
 * more than the limits above imply.  On failure img holds nothing to free. */
int jy_render_image_read(render_image *img, const char *path, char *err, size_t errlen);

/* Frees what img holds (a zeroed or freed img is fine) and zeroes it. */
void jy_render_image_free(render_image *img);

/* The image's box fitted into x,y,w,h: aspect kept, as large as fits,
 * centred (SVG's preserveAspectRatio="xMidYMid meet").  out: x y w h. */
void jy_render_image_fit(const render_image *img, double x, double y, double w, double h, double out[4]);

/* Draws the image fitted into the box (user space of cr, whatever its
 * transform), its EXIF orientation applied; cr's state is left as found.
 * A JPEG's surface carries the file's bytes (CAIRO_MIME_TYPE_JPEG), so a
 * PDF embeds the JPEG itself.  An SVG is drawn as vectors by librsvg and
 * loads nothing outside its own bytes.  0, or -1 with a reason in err. */
int jy_render_image_draw(cairo_t *cr, const render_image *img, double x, double y, double w, double h, char *err,
                         size_t errlen);

/* "image/png", "image/jpeg", "image/svg+xml" */
const char *jy_render_image_mime(render_image_type type);

#endif
