/* render_image.c - one image of a map, read and drawn with cairo.
 *
 * Design notes
 * - The file is read as the toolchain reads a map (jy_file_read_max):
 *   nothing but a regular file is ever opened (opening some devices does
 *   something), a FIFO swapped in after the check cannot block the open,
 *   and a file of more than RENDER_IMAGE_MAX_BYTES is refused, also one
 *   that grows while read.
 * - The type comes from the bytes: PNG's signature, JPEG's SOI and a
 *   marker, or UTF-8 text whose first element, past an optional BOM,
 *   blanks, the XML declaration, processing instructions, comments and
 *   the DOCTYPE, is <svg>.  A file's name says nothing.
 * - Raster sizes come from the header (PNG's IHDR, JPEG's SOFn) and are
 *   checked against RENDER_IMAGE_MAX_PIXELS and cairo's largest image
 *   (RENDER_IMAGE_MAX_SIDE) before any decoder runs: the largest image
 *   decoded is 160 MB of ARGB32.  A JPEG's decoder is also held to
 *   8 bytes a pixel of its own memory (a progressive image's coefficients)
 *   and to MAX_SCANS scans (a file of thousands of tiny scans costs minutes
 *   of decoding, not memory).
 * - Reading decodes the image completely once, so that a file cut short or
 *   corrupt is an error when the map is read, never a half image in the
 *   picture: PNG through cairo's reader (any libpng warning is an error
 *   there too); JPEG with libjpeg row by row into one row's buffer; SVG by
 *   drawing it once into a small surface.  Drawing decodes again from the
 *   bytes kept: an image holds no pixels between reading and drawing.
 * - libjpeg's error manager is replaced: errors jump back (its default
 *   exits the process), warnings are never printed, and a warning that
 *   says the data is cut short or corrupt is an error (libjpeg would go on
 *   and draw grey where the data ran out).  Warnings about harmless oddities
 *   (extraneous bytes between markers, an unknown JFIF revision or Adobe
 *   transform, a bad ICC profile) are ignored, as browsers ignore them.
 *   The decoder's state lives in a struct in the caller's frame, so nothing
 *   the setjmp function changes is read after the jump.
 * - JPEG pixels: the slow integer DCT (JDCT_ISLOW, the same pixels on every
 *   machine), one component (grey), YCbCr or RGB as RGB, CMYK and YCCK as
 *   CMYK converted here; Adobe's CMYK JPEGs (an APP14 marker) store their
 *   inks inverted.  Pixels are packed into cairo's ARGB32 as 32-bit words,
 *   so the byte order of the machine does not matter.
 * - EXIF orientation (APP1 "Exif", either byte order, tag 0x0112 of IFD0)
 *   is applied when drawing, as a transform of the decoded pixels; 5 to 8
 *   turn the image a quarter, so its width and height are swapped.
 * - A JPEG's surface carries the file's bytes (CAIRO_MIME_TYPE_JPEG) when a
 *   PDF can hold them as they are (baseline, extended or progressive
 *   Huffman, 8-bit, grey or colour): cairo's PDF then embeds the JPEG
 *   itself.  CMYK is drawn from its pixels (PDF readers differ on
 *   Adobe's inverted inks).  Every raster surface carries a unique id made
 *   from a hash of the bytes, so a PDF holds an image drawn on many pages
 *   once.  The bytes attached are a copy owned by the surface: the PDF
 *   surface may keep it after the image is freed.
 * - Raster images are drawn as a rectangle filled with the image, edges
 *   padded (CAIRO_EXTEND_PAD) on pixel surfaces, so an image scaled up
 *   keeps sharp edges instead of fading into its surroundings; not on PDF,
 *   PostScript and SVG surfaces, whose viewers draw sharp edges anyway and
 *   where cairo would draw a padded JPEG from its pixels, not its bytes.
 *   The caller's path is kept:
 *   cairo_save does not save it, so it is copied and put back.
 * - librsvg is loaded (dlopen) the first time an SVG image is read, not
 *   linked: it brings some thirty libraries (GLib, GIO, pango, libxml2...)
 *   whose loading and relocation made every run of journey, a check in an
 *   editor included, 3.7 ms -> 14 ms at start.  Its functions are found
 *   by name into one table; a system without it refuses SVG images with a
 *   reason, and PNG and JPEG still draw.
 * - SVG is drawn as vectors by librsvg (2.54 on Debian 12) at 96 dots per
 *   inch, the CSS pixel (so width="25.4mm" is 96 pixels).  Its size is its
 *   width and height in pixels, else its viewBox's (scaled to one of width
 *   and height when that one is an absolute length).  No base file or URL
 *   is given to librsvg, which then refuses every reference outside the
 *   document (other files, the network, external stylesheets); only data:
 *   URLs inside the file are read.  libxml2's limits stay on (no
 *   RSVG_HANDLE_FLAG_UNLIMITED).
 * - Memory for the file and for the decoders' buffers is malloc'd and its
 *   failure returned as "out of memory", as large sizes can fail.  No
 *   state outside the image and the call; nothing is ever printed.
 */
#include "render_image.h"

#include "journey/core.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jpeglib.h>
#include <jerror.h>
#include <dlfcn.h>
#include <librsvg/rsvg.h>

/* A JPEG of more scans than this is refused (a progressive JPEG has about
 * ten; libjpeg-turbo's own tools suggest a limit of 500). */
#define MAX_SCANS 1000

/* librsvg draws at this many dots per inch: the CSS pixel. */
#define SVG_DPI 96.0

/* ---- errors ---------------------------------------------------------------- */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* A library's message as the end of a reason: its first line, its first
 * letter lower-cased unless the word is an acronym ("JPEG"). */
static void library_message(char *out, size_t outlen, const char *msg)
{
    if (!outlen)
        return;
    if (!msg || !*msg)
        msg = "no reason given";
    size_t n = strcspn(msg, "\r\n");
    if (n >= outlen)
        n = outlen - 1;
    memcpy(out, msg, n);
    out[n] = '\0';
    while (n && out[n - 1] == ' ')
        out[--n] = '\0';
    if (n >= 2 && isupper((unsigned char)out[0]) && !isupper((unsigned char)out[1]))
        out[0] = (char)tolower((unsigned char)out[0]);
}

/* ---- the file -------------------------------------------------------------- */

static const char *not_regular(mode_t mode)
{
    if (S_ISDIR(mode))
        return "is a directory";
    if (S_ISFIFO(mode))
        return "is a FIFO, not a regular file";
    if (S_ISCHR(mode))
        return "is a character device, not a regular file";
    if (S_ISBLK(mode))
        return "is a block device, not a regular file";
    if (S_ISSOCK(mode))
        return "is a socket, not a regular file";
    return "is not a regular file";
}

static int errno_fail(char *err, size_t errlen, int e)
{
    if (e == ENOENT || e == ENOTDIR)
        return fail(err, errlen, "no such file");
    if (e == ENOMEM)
        return fail(err, errlen, "out of memory");
    char msg[128];
    library_message(msg, sizeof msg, strerror(e));
    return fail(err, errlen, "%s", msg);
}

static int too_large(char *err, size_t errlen)
{
    return fail(err, errlen, "larger than %zu MB", RENDER_IMAGE_MAX_BYTES >> 20);
}

/* The file's bytes (malloc'd; NULL and 0 for an empty file): a regular
 * file of at most RENDER_IMAGE_MAX_BYTES, read as the toolchain reads its
 * maps (jy_file_read_max: nothing else is opened, a FIFO cannot block). */
static int read_file(const char *path, unsigned char **data, size_t *len, char *err, size_t errlen)
{
    char *buf;
    int e;
    struct stat st;
    *data = NULL;
    switch (jy_file_read_max(path, true, RENDER_IMAGE_MAX_BYTES, &buf, len, &e)) {
    case JY_READ_OK:
        if (*len)
            *data = (unsigned char *)buf;
        else
            free(buf);
        return 0;
    case JY_READ_NOT_FOUND: return fail(err, errlen, "no such file");
    case JY_READ_IS_DIR: return fail(err, errlen, "is a directory");
    case JY_READ_NOT_REGULAR:
        return fail(err, errlen, "%s", stat(path, &st) == 0 ? not_regular(st.st_mode) : "is not a regular file");
    case JY_READ_TOO_LARGE: return too_large(err, errlen);
    case JY_READ_NO_MEMORY: return fail(err, errlen, "out of memory");
    default: return errno_fail(err, errlen, e);
    }
}

/* ---- sniffing -------------------------------------------------------------- */

static const unsigned char PNG_SIGNATURE[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

static bool starts(const unsigned char *p, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return n >= k && memcmp(p, lit, k) == 0;
}

static bool xml_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Past the end of the markup starting at p[i] that ends in end; n if it
 * never ends. */
static size_t skip_to(const unsigned char *p, size_t n, size_t i, const char *end)
{
    size_t k = strlen(end);
    const unsigned char *e = memmem(p + i, n - i, end, k);
    return e ? (size_t)(e - p) + k : n;
}

/* Past the end of the DOCTYPE starting at p[i]: its '>', outside quotes
 * and outside the internal subset's brackets. */
static size_t skip_doctype(const unsigned char *p, size_t n, size_t i)
{
    unsigned char quote = 0;
    unsigned depth = 0;
    for (i += 2; i < n; i++) {
        unsigned char c = p[i];
        if (quote) {
            if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[') {
            depth++;
        } else if (c == ']') {
            if (depth)
                depth--;
        } else if (c == '>' && depth == 0) {
            return i + 1;
        }
    }
    return n;
}

static bool sniff_svg(const unsigned char *p, size_t n)
{
    size_t i = starts(p, n, "\xEF\xBB\xBF") ? 3 : 0;
    for (;;) {
        while (i < n && xml_space(p[i]))
            i++;
        if (i >= n || p[i] != '<')
            return false;
        if (starts(p + i, n - i, "<?"))
            i = skip_to(p, n, i + 2, "?>");
        else if (starts(p + i, n - i, "<!--"))
            i = skip_to(p, n, i + 4, "-->");
        else if (starts(p + i, n - i, "<!DOCTYPE"))
            i = skip_doctype(p, n, i);
        else
            return starts(p + i, n - i, "<svg") && i + 4 < n &&
                   (xml_space(p[i + 4]) || p[i + 4] == '>' || p[i + 4] == '/');
    }
}

static int sniff(const unsigned char *p, size_t n, render_image_type *type)
{
    if (n >= sizeof PNG_SIGNATURE && memcmp(p, PNG_SIGNATURE, sizeof PNG_SIGNATURE) == 0)
        *type = RENDER_IMAGE_PNG;
    else if (n >= 3 && p[0] == 0xFF && p[1] == 0xD8 && p[2] == 0xFF)
        *type = RENDER_IMAGE_JPEG;
    else if (sniff_svg(p, n))
        *type = RENDER_IMAGE_SVG;
    else
        return -1;
    return 0;
}

/* ---- raster helpers ---------------------------------------------------------- */

static uint32_t be16(const unsigned char *p)
{
    return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A raster image's size against the limits, before any decoding. */
static int check_pixels(uint32_t w, uint32_t h, char *err, size_t errlen)
{
    if ((double)w * (double)h > RENDER_IMAGE_MAX_PIXELS)
        return fail(err, errlen, "%" PRIu32 " \u00D7 %" PRIu32 " pixels: journey draws images of at most %.0f megapixels",
                    w, h, RENDER_IMAGE_MAX_PIXELS / 1e6);
    if (w > RENDER_IMAGE_MAX_SIDE || h > RENDER_IMAGE_MAX_SIDE)
        return fail(err, errlen, "%" PRIu32 " \u00D7 %" PRIu32 " pixels: journey draws images of at most %u pixels a side",
                    w, h, RENDER_IMAGE_MAX_SIDE);
    return 0;
}

/* 64-bit FNV-1a of the bytes: the surfaces' unique id. */
static uint64_t hash_bytes(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3u;
    }
    return h;
}

static void set_unique_id(cairo_surface_t *s, const render_image *img)
{
    char id[64];
    int k = snprintf(id, sizeof id, "journey-image-%d-%016" PRIx64 "-%zu", (int)img->type,
                     hash_bytes(img->data, img->len), img->len);
    unsigned char *copy = malloc((size_t)k);
    if (!copy)
        return;
    memcpy(copy, id, (size_t)k);
    if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_UNIQUE_ID, copy, (unsigned long)k, free, copy) !=
        CAIRO_STATUS_SUCCESS)
        free(copy);
}

/* ---- PNG --------------------------------------------------------------------- */

static int png_size(const unsigned char *p, size_t n, uint32_t *w, uint32_t *h, char *err, size_t errlen)
{
    /* signature, IHDR's length and type, 13 bytes of IHDR, its CRC */
    if (n >= 16 && (be32(p + 8) != 13 || memcmp(p + 12, "IHDR", 4) != 0))
        return fail(err, errlen, "a broken PNG image: it does not start with its header");
    if (n < 33)
        return fail(err, errlen, "a PNG image cut short");
    *w = be32(p + 16);
    *h = be32(p + 20);
    if (*w == 0 || *h == 0 || *w > 0x7FFFFFFFu || *h > 0x7FFFFFFFu)
        return fail(err, errlen, "a broken PNG image: its header gives a size of %" PRIu32 " \u00D7 %" PRIu32, *w, *h);
    return check_pixels(*w, *h, err, errlen);
}

typedef struct {
    const unsigned char *p;
    size_t n, at;
    bool short_read;
} mem_reader;

static cairo_status_t mem_read(void *closure, unsigned char *data, unsigned int length)
{
    mem_reader *r = closure;
    if (length > r->n - r->at) {
        r->short_read = true;
        return CAIRO_STATUS_READ_ERROR;
    }
    memcpy(data, r->p + r->at, length);
    r->at += length;
    return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *png_decode(const render_image *img, char *err, size_t errlen)
{
    uint32_t w, h;
    if (png_size(img->data, img->len, &w, &h, err, errlen) != 0)
        return NULL;
    mem_reader r = { img->data, img->len, 0, false };
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(mem_read, &r);
    cairo_status_t st = cairo_surface_status(s);
    if (st == CAIRO_STATUS_SUCCESS &&
        ((uint32_t)cairo_image_surface_get_width(s) != w || (uint32_t)cairo_image_surface_get_height(s) != h))
        st = CAIRO_STATUS_PNG_ERROR;
    if (st != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(s);
        if (r.short_read)
            fail(err, errlen, "a PNG image cut short");
        else if (st == CAIRO_STATUS_NO_MEMORY)
            fail(err, errlen, "out of memory");
        else
            fail(err, errlen, "a broken PNG image: %s", cairo_status_to_string(st));
        return NULL;
    }
    return s;
}

/* ---- JPEG -------------------------------------------------------------------- */

typedef struct {
    uint32_t width, height;    /* as stored, before the orientation */
    int orientation;
    int sof;                   /* the frame's marker, 0xC0..0xCF */
    int precision, components;
} jpeg_header;

/* EXIF's orientation (tag 0x0112 of IFD0) from the TIFF structure after
 * "Exif\0\0"; 1 when missing or out of range. */
static int exif_orientation(const unsigned char *t, size_t n)
{
    if (n < 8)
        return 1;
    bool le;
    if (t[0] == 'I' && t[1] == 'I')
        le = true;
    else if (t[0] == 'M' && t[1] == 'M')
        le = false;
    else
        return 1;
#define RD16(q) (le ? (uint32_t)(q)[0] | (uint32_t)(q)[1] << 8 : be16(q))
#define RD32(q) (le ? (uint32_t)(q)[0] | (uint32_t)(q)[1] << 8 | (uint32_t)(q)[2] << 16 | (uint32_t)(q)[3] << 24 : be32(q))
    if (RD16(t + 2) != 42)
        return 1;
    size_t ifd = RD32(t + 4);
    if (ifd > n || n - ifd < 2)
        return 1;
    size_t count = RD16(t + ifd);
    for (size_t k = 0; k < count; k++) {
        size_t at = ifd + 2 + 12 * k;
        if (at > n || n - at < 12)
            break;
        if (RD16(t + at) != 0x0112)
            continue;
        uint32_t type = RD16(t + at + 2), cnt = RD32(t + at + 4), v = RD16(t + at + 8);
        return type == 3 && cnt >= 1 && v >= 1 && v <= 8 ? (int)v : 1;
    }
#undef RD16
#undef RD32
    return 1;
}

/* The markers up to the frame header: its size, and EXIF's orientation
 * from the first APP1 "Exif" before it. */
static int jpeg_read_size(const unsigned char *p, size_t n, jpeg_header *jh, char *err, size_t errlen)
{
    memset(jh, 0, sizeof *jh);
    jh->orientation = 1;
    bool exif_seen = false;
    size_t i = 2;
    for (;;) {
        if (i >= n)
            return fail(err, errlen, "a JPEG image cut short");
        if (p[i] != 0xFF)
            return fail(err, errlen, "a broken JPEG image: no marker where one belongs");
        while (i < n && p[i] == 0xFF)
            i++;
        if (i >= n)
            return fail(err, errlen, "a JPEG image cut short");
        unsigned m = p[i++];
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7))
            continue;
        if (m == 0xD8 || m == 0xD9 || m == 0xDA || m == 0x00)
            return fail(err, errlen, "a broken JPEG image: no frame header");
        if (n - i < 2)
            return fail(err, errlen, "a JPEG image cut short");
        size_t len = be16(p + i);
        if (len < 2)
            return fail(err, errlen, "a broken JPEG image: a marker of length %zu", len);
        if (n - i < len)
            return fail(err, errlen, "a JPEG image cut short");
        const unsigned char *seg = p + i + 2;
        size_t seglen = len - 2;
        if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
            if (seglen < 6)
                return fail(err, errlen, "a broken JPEG image: a frame header too short");
            jh->sof = (int)m;
            jh->precision = seg[0];
            jh->height = be16(seg + 1);
            jh->width = be16(seg + 3);
            jh->components = seg[5];
            if (jh->width == 0 || jh->height == 0)
                return fail(err, errlen, "a broken JPEG image: its frame header gives a size of %" PRIu32
                            " \u00D7 %" PRIu32, jh->width, jh->height);
            return check_pixels(jh->width, jh->height, err, errlen);
        }
        if (m == 0xE1 && !exif_seen && seglen >= 6 && memcmp(seg, "Exif\0\0", 6) == 0) {
            exif_seen = true;
            jh->orientation = exif_orientation(seg + 6, seglen - 6);
        }
        i += len;
    }
}

typedef struct {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    bool cut;                  /* the data ran out */
    const char *reason;        /* a whole reason of ours, else message */
    char own[256];             /* room for a reason of ours */
} jpeg_errors;

/* A decoding: cinfo first (the progress monitor finds the rest from it).
 * Lives in the frame of the function calling jpeg_run, the one with the
 * setjmp, so nothing read after the jump was changed in that frame. */
typedef struct {
    struct jpeg_decompress_struct cinfo;
    jpeg_errors errors;
    struct jpeg_progress_mgr progress;
    const unsigned char *data;
    size_t len;
    bool to_surface;           /* else decoded to prove it decodes */
    unsigned char *row;
    cairo_surface_t *surface;
} jpeg_job;

static void jpeg_error_exit(j_common_ptr c)
{
    jpeg_errors *e = (jpeg_errors *)c->err;
    c->err->format_message(c, e->message);
    longjmp(e->jump, 1);
}

static void jpeg_emit_message(j_common_ptr c, int level)
{
    if (level >= 0)
        return;                /* trace messages */
    jpeg_errors *e = (jpeg_errors *)c->err;
    switch (c->err->msg_code) {
    case JWRN_EXTRANEOUS_DATA:
    case JWRN_JFIF_MAJOR:
    case JWRN_ADOBE_XFORM:
#ifdef LIBJPEG_TURBO_VERSION
    case JWRN_BOGUS_ICC:
#endif
        c->err->num_warnings++;
        return;
    case JWRN_JPEG_EOF:
        e->cut = true;
        break;
    default:
        break;
    }
    c->err->format_message(c, e->message);
    longjmp(e->jump, 1);
}

static void jpeg_output_message(j_common_ptr c)
{
    (void)c;
}

static void jpeg_progress(j_common_ptr c)
{
    if (!c->is_decompressor)
        return;
    jpeg_job *J = (jpeg_job *)(void *)c;
    if (J->cinfo.input_scan_number > MAX_SCANS) {
        snprintf(J->errors.own, sizeof J->errors.own, "a JPEG image of more than %d scans", MAX_SCANS);
        J->errors.reason = J->errors.own;
        longjmp(J->errors.jump, 1);
    }
}

static uint32_t pack(unsigned r, unsigned g, unsigned b)
{
    return 0xFF000000u | (uint32_t)r << 16 | (uint32_t)g << 8 | b;
}

/* Decodes J->data: into J->surface when J->to_surface, else only through
 * J->row.  0, or -1 with J->errors saying why.  The caller frees. */
static int jpeg_run(jpeg_job *J)
{
    if (setjmp(J->errors.jump))
        return -1;
    jpeg_create_decompress(&J->cinfo);
    J->cinfo.mem->max_memory_to_use = (long)(RENDER_IMAGE_MAX_PIXELS * 8);
    J->progress.progress_monitor = jpeg_progress;
    J->cinfo.progress = &J->progress;
    jpeg_mem_src(&J->cinfo, (unsigned char *)J->data, (unsigned long)J->len);
    jpeg_read_header(&J->cinfo, TRUE);
    if (check_pixels(J->cinfo.image_width, J->cinfo.image_height, J->errors.own, sizeof J->errors.own) != 0) {
        J->errors.reason = J->errors.own;
        return -1;
    }
    bool cmyk = false;
    switch (J->cinfo.jpeg_color_space) {
    case JCS_GRAYSCALE:
        J->cinfo.out_color_space = JCS_GRAYSCALE;
        break;
    case JCS_YCbCr:
    case JCS_RGB:
        J->cinfo.out_color_space = JCS_RGB;
        break;
    case JCS_CMYK:
    case JCS_YCCK:
        J->cinfo.out_color_space = JCS_CMYK;
        cmyk = true;
        break;
    default:
        J->errors.reason = "a JPEG image of a colour model journey does not draw";
        return -1;
    }
    J->cinfo.dct_method = JDCT_ISLOW;
    jpeg_start_decompress(&J->cinfo);
    JDIMENSION w = J->cinfo.output_width, h = J->cinfo.output_height;
    int comps = J->cinfo.output_components;
    if ((comps != 1 && comps != 3 && comps != 4) || w != J->cinfo.image_width || h != J->cinfo.image_height) {
        J->errors.reason = "a JPEG image journey cannot decode";
        return -1;
    }
    J->row = malloc((size_t)w * (size_t)comps);
    if (!J->row) {
        J->errors.reason = "out of memory";
        return -1;
    }
    unsigned char *pixels = NULL;
    int stride = 0;
    if (J->to_surface) {
        J->surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)w, (int)h);
        if (cairo_surface_status(J->surface) != CAIRO_STATUS_SUCCESS) {
            J->errors.reason = "out of memory";
            return -1;
        }
        cairo_surface_flush(J->surface);
        pixels = cairo_image_surface_get_data(J->surface);
        stride = cairo_image_surface_get_stride(J->surface);
    }
    /* Adobe's CMYK JPEGs store 255 for no ink. */
    bool inverted = cmyk && J->cinfo.saw_Adobe_marker;
    while (J->cinfo.output_scanline < h) {
        JSAMPROW rows[1] = { J->row };
        JDIMENSION y = J->cinfo.output_scanline;
        if (jpeg_read_scanlines(&J->cinfo, rows, 1) != 1) {
            J->errors.cut = true;
            J->errors.reason = "a JPEG image cut short";
            return -1;
        }
        if (!pixels)
            continue;
        uint32_t *out = (uint32_t *)(void *)(pixels + (size_t)y * (size_t)stride);
        const unsigned char *in = J->row;
        for (JDIMENSION x = 0; x < w; x++) {
            if (comps == 1) {
                out[x] = pack(in[x], in[x], in[x]);
            } else if (comps == 3) {
                out[x] = pack(in[3 * x], in[3 * x + 1], in[3 * x + 2]);
            } else {
                unsigned c = in[4 * x], m = in[4 * x + 1], yy = in[4 * x + 2], k = in[4 * x + 3];
                if (!inverted) {
                    c = 255 - c;
                    m = 255 - m;
                    yy = 255 - yy;
                    k = 255 - k;
                }
                out[x] = pack((c * k + 127) / 255, (m * k + 127) / 255, (yy * k + 127) / 255);
            }
        }
    }
    jpeg_finish_decompress(&J->cinfo);
    if (pixels)
        cairo_surface_mark_dirty(J->surface);
    return 0;
}

/* Decodes the JPEG: into a surface of its stored size (out non-NULL), else
 * only to prove it decodes. */
static int jpeg_decode(const render_image *img, cairo_surface_t **out, char *err, size_t errlen)
{
    jpeg_job *J = calloc(1, sizeof *J);
    if (!J)
        return fail(err, errlen, "out of memory");
    J->data = img->data;
    J->len = img->len;
    J->to_surface = out != NULL;
    J->cinfo.err = jpeg_std_error(&J->errors.pub);
    J->errors.pub.error_exit = jpeg_error_exit;
    J->errors.pub.emit_message = jpeg_emit_message;
    J->errors.pub.output_message = jpeg_output_message;
    int rc = jpeg_run(J);
    jpeg_destroy_decompress(&J->cinfo);
    free(J->row);
    if (rc != 0) {
        if (J->surface)
            cairo_surface_destroy(J->surface);
        if (J->errors.cut)
            fail(err, errlen, "a JPEG image cut short");
        else if (J->errors.reason)
            fail(err, errlen, "%s", J->errors.reason);
        else {
            char msg[JMSG_LENGTH_MAX];
            library_message(msg, sizeof msg, J->errors.message);
            fail(err, errlen, "a broken JPEG image: %s", msg);
        }
        free(J);
        return -1;
    }
    if (out)
        *out = J->surface;
    free(J);
    return 0;
}

/* The JPEG's surface, its bytes attached for a PDF when the PDF can hold
 * them as they are. */
static cairo_surface_t *jpeg_surface(const render_image *img, char *err, size_t errlen)
{
    jpeg_header jh;
    if (jpeg_read_size(img->data, img->len, &jh, err, errlen) != 0)
        return NULL;
    cairo_surface_t *s = NULL;
    if (jpeg_decode(img, &s, err, errlen) != 0)
        return NULL;
    if ((jh.sof == 0xC0 || jh.sof == 0xC1 || jh.sof == 0xC2) && jh.precision == 8 &&
        (jh.components == 1 || jh.components == 3)) {
        unsigned char *copy = malloc(img->len);
        if (copy) {
            memcpy(copy, img->data, img->len);
            if (cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, copy, (unsigned long)img->len, free, copy) !=
                CAIRO_STATUS_SUCCESS)
                free(copy);
        }
    }
    return s;
}

/* ---- SVG --------------------------------------------------------------------- */

/* librsvg's functions this file calls, found when first needed (see the
 * design notes); JY_RSVG_SONAME comes from the build. */
#ifndef JY_RSVG_SONAME
#define JY_RSVG_SONAME "librsvg-2.so.2"
#endif
static struct {
    bool tried, ok;
    RsvgHandle *(*new_from_data)(const guint8 *, gsize, GError **);
    void (*set_dpi)(RsvgHandle *, double);
    gboolean (*size_in_pixels)(RsvgHandle *, gdouble *, gdouble *);
    void (*dimensions)(RsvgHandle *, gboolean *, RsvgLength *, gboolean *, RsvgLength *, gboolean *, RsvgRectangle *);
    gboolean (*render_document)(RsvgHandle *, cairo_t *, const RsvgRectangle *, GError **);
    void (*error_free)(GError *);
    void (*unref)(gpointer);
} rsvg;

static bool rsvg_load(char *err, size_t errlen)
{
    if (!rsvg.tried) {
        rsvg.tried = true;
        /* Never closed: GLib's types stay registered for the process. */
        void *lib = dlopen(JY_RSVG_SONAME, RTLD_NOW | RTLD_LOCAL);
        struct {
            void *slot;
            const char *name;
        } syms[] = {
            { &rsvg.new_from_data, "rsvg_handle_new_from_data" },
            { &rsvg.set_dpi, "rsvg_handle_set_dpi" },
            { &rsvg.size_in_pixels, "rsvg_handle_get_intrinsic_size_in_pixels" },
            { &rsvg.dimensions, "rsvg_handle_get_intrinsic_dimensions" },
            { &rsvg.render_document, "rsvg_handle_render_document" },
            { &rsvg.error_free, "g_error_free" },
            { &rsvg.unref, "g_object_unref" },
        };
        bool ok = lib != NULL;
        for (size_t i = 0; ok && i < sizeof syms / sizeof syms[0]; i++) {
            void *f = dlsym(lib, syms[i].name);
            memcpy(syms[i].slot, &f, sizeof f);
            ok = f != NULL;
        }
        rsvg.ok = ok;
    }
    if (!rsvg.ok)
        fail(err, errlen, "journey draws SVG images with librsvg, and %s cannot be loaded", JY_RSVG_SONAME);
    return rsvg.ok;
}

/* librsvg's reason (its message's first line) after what failed. */
static void svg_fail(const GError *e, const char *what, char *err, size_t errlen)
{
    char msg[256];
    library_message(msg, sizeof msg, e ? e->message : NULL);
    fail(err, errlen, "%s: %s", what, msg);
}

static RsvgHandle *svg_open(const render_image *img, char *err, size_t errlen)
{
    if (!rsvg_load(err, errlen))
        return NULL;
    GError *e = NULL;
    RsvgHandle *h = rsvg.new_from_data(img->data, img->len, &e);
    if (!h) {
        svg_fail(e, "a broken SVG image", err, errlen);
        if (e)
            rsvg.error_free(e);
        return NULL;
    }
    if (e)
        rsvg.error_free(e);
    rsvg.set_dpi(h, SVG_DPI);
    return h;
}

/* An absolute length in pixels at SVG_DPI; false for percentages and
 * lengths relative to a font. */
static bool svg_length_px(RsvgLength l, double *px)
{
    double per_inch;
    switch (l.unit) {
    case RSVG_UNIT_PX: per_inch = SVG_DPI; break;
    case RSVG_UNIT_IN: per_inch = 1; break;
    case RSVG_UNIT_CM: per_inch = 2.54; break;
    case RSVG_UNIT_MM: per_inch = 25.4; break;
    case RSVG_UNIT_PT: per_inch = 72; break;
    case RSVG_UNIT_PC: per_inch = 6; break;
    default: return false;
    }
    *px = l.length * SVG_DPI / per_inch;
    return isfinite(*px) && *px > 0;
}

static bool positive(double v)
{
    return isfinite(v) && v > 0;
}

static int svg_size(RsvgHandle *h, double *w, double *height, char *err, size_t errlen)
{
    double pw = 0, ph = 0;
    if (rsvg.size_in_pixels(h, &pw, &ph) && positive(pw) && positive(ph)) {
        *w = pw;
        *height = ph;
        return 0;
    }
    gboolean has_w = FALSE, has_h = FALSE, has_vb = FALSE;
    RsvgLength lw = { 0 }, lh = { 0 };
    RsvgRectangle vb = { 0 };
    rsvg.dimensions(h, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
    if (!has_vb || !positive(vb.width) || !positive(vb.height))
        return fail(err, errlen, "an SVG image needs a width and height or a viewBox");
    /* One absolute length and the viewBox's proportions, else the viewBox. */
    if (has_w && svg_length_px(lw, &pw)) {
        *w = pw;
        *height = pw * vb.height / vb.width;
    } else if (has_h && svg_length_px(lh, &ph)) {
        *height = ph;
        *w = ph * vb.width / vb.height;
    } else {
        *w = vb.width;
        *height = vb.height;
    }
    if (!positive(*w) || !positive(*height))
        return fail(err, errlen, "an SVG image needs a width and height or a viewBox");
    return 0;
}

/* A size to a thousandth of a pixel: librsvg makes 50.8mm 191.999997
 * pixels, which is 192. */
static double round_size(double v)
{
    double r = round(v * 1e3) / 1e3;
    return r > 0 ? r : v;
}

static int svg_render(cairo_t *cr, RsvgHandle *h, const double box[4], char *err, size_t errlen)
{
    RsvgRectangle vp = { box[0], box[1], box[2], box[3] };
    GError *e = NULL;
    gboolean ok = rsvg.render_document(h, cr, &vp, &e);
    if (!ok)
        svg_fail(e, "an SVG image librsvg cannot draw", err, errlen);
    if (e)
        rsvg.error_free(e);
    return ok ? 0 : -1;
}

/* ---- reading ------------------------------------------------------------------- */

/* A side of the surface an SVG is drawn into once when read. */
#define SVG_PROOF_SIDE 64

static int read_png(render_image *img, char *err, size_t errlen)
{
    uint32_t w, h;
    if (png_size(img->data, img->len, &w, &h, err, errlen) != 0)
        return -1;
    cairo_surface_t *s = png_decode(img, err, errlen);
    if (!s)
        return -1;
    cairo_surface_destroy(s);
    img->width = w;
    img->height = h;
    return 0;
}

static int read_jpeg(render_image *img, char *err, size_t errlen)
{
    jpeg_header jh;
    if (jpeg_read_size(img->data, img->len, &jh, err, errlen) != 0)
        return -1;
    if (jpeg_decode(img, NULL, err, errlen) != 0)
        return -1;
    img->orientation = jh.orientation;
    bool turned = jh.orientation >= 5;
    img->width = turned ? jh.height : jh.width;
    img->height = turned ? jh.width : jh.height;
    return 0;
}

static int read_svg(render_image *img, char *err, size_t errlen)
{
    RsvgHandle *h = svg_open(img, err, errlen);
    if (!h)
        return -1;
    int rc = svg_size(h, &img->width, &img->height, err, errlen);
    if (rc == 0) {
        img->width = round_size(img->width);
        img->height = round_size(img->height);
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, SVG_PROOF_SIDE, SVG_PROOF_SIDE);
        cairo_t *cr = cairo_create(s);
        double box[4];
        jy_render_image_fit(img, 0, 0, SVG_PROOF_SIDE, SVG_PROOF_SIDE, box);
        if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
            rc = fail(err, errlen, "out of memory");
        else
            rc = svg_render(cr, h, box, err, errlen);
        cairo_destroy(cr);
        cairo_surface_destroy(s);
    }
    rsvg.unref(h);
    return rc;
}

int jy_render_image_read(render_image *img, const char *path, char *err, size_t errlen)
{
    memset(img, 0, sizeof *img);
    img->orientation = 1;
    if (err && errlen)
        err[0] = '\0';
    render_image t = { .orientation = 1 };
    if (read_file(path, &t.data, &t.len, err, errlen) != 0)
        return -1;
    int rc;
    if (t.len == 0)
        rc = fail(err, errlen, "an empty file");
    else if (sniff(t.data, t.len, &t.type) != 0)
        rc = fail(err, errlen, "not a PNG, JPEG or SVG image");
    else if (t.type == RENDER_IMAGE_PNG)
        rc = read_png(&t, err, errlen);
    else if (t.type == RENDER_IMAGE_JPEG)
        rc = read_jpeg(&t, err, errlen);
    else
        rc = read_svg(&t, err, errlen);
    if (rc != 0) {
        free(t.data);
        return -1;
    }
    *img = t;
    return 0;
}

void jy_render_image_free(render_image *img)
{
    if (!img)
        return;
    free(img->data);
    memset(img, 0, sizeof *img);
    img->orientation = 1;
}

/* ---- fitting and drawing --------------------------------------------------------- */

void jy_render_image_fit(const render_image *img, double x, double y, double w, double h, double out[4])
{
    double iw = img->width, ih = img->height, fw, fh;
    if (!(w > 0) || !(h > 0) || !positive(iw) || !positive(ih)) {
        out[0] = x + (w > 0 ? w / 2 : 0);
        out[1] = y + (h > 0 ? h / 2 : 0);
        out[2] = out[3] = 0;
        return;
    }
    /* The side that binds is the box's own, exactly. */
    if (w * ih <= h * iw) {
        fw = w;
        fh = w * ih / iw;
        if (fh > h)
            fh = h;
    } else {
        fh = h;
        fw = h * iw / ih;
        if (fw > w)
            fw = w;
    }
    out[0] = x + (w - fw) / 2;
    out[1] = y + (h - fh) / 2;
    out[2] = fw;
    out[3] = fh;
}

/* Maps the stored pixels (rw x rh) to the image as shown for an EXIF
 * orientation: x' = xx x + xy y + x0, y' = yx x + yy y + y0. */
static void orientation_matrix(int orientation, double rw, double rh, cairo_matrix_t *m)
{
    switch (orientation) {
    case 2: cairo_matrix_init(m, -1, 0, 0, 1, rw, 0); break;    /* mirrored left to right */
    case 3: cairo_matrix_init(m, -1, 0, 0, -1, rw, rh); break;  /* turned half way */
    case 4: cairo_matrix_init(m, 1, 0, 0, -1, 0, rh); break;    /* mirrored top to bottom */
    case 5: cairo_matrix_init(m, 0, 1, 1, 0, 0, 0); break;      /* transposed */
    case 6: cairo_matrix_init(m, 0, 1, -1, 0, rh, 0); break;    /* turned a quarter clockwise */
    case 7: cairo_matrix_init(m, 0, -1, -1, 0, rh, rw); break;  /* transversed */
    case 8: cairo_matrix_init(m, 0, -1, 1, 0, 0, rw); break;    /* turned a quarter anticlockwise */
    default: cairo_matrix_init_identity(m); break;
    }
}

/* Pixels: an image's edges padded, so that one scaled up stays sharp to
 * its edges.  PDF, PostScript and SVG: not padded (their viewers draw an
 * image's edges sharp, and cairo's PDF would draw the padded image from
 * its pixels, not from the JPEG's bytes). */
static bool pad_edges(cairo_t *cr)
{
    switch (cairo_surface_get_type(cairo_get_group_target(cr))) {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
        return false;
    default:
        return true;
    }
}

static void draw_surface(cairo_t *cr, cairo_surface_t *s, int orientation, const double box[4])
{
    double rw = cairo_image_surface_get_width(s), rh = cairo_image_surface_get_height(s);
    bool turned = orientation >= 5 && orientation <= 8;
    double ow = turned ? rh : rw, oh = turned ? rw : rh;
    cairo_matrix_t m;
    orientation_matrix(orientation, rw, rh, &m);
    cairo_translate(cr, box[0], box[1]);
    cairo_scale(cr, box[2] / ow, box[3] / oh);
    cairo_transform(cr, &m);
    cairo_set_source_surface(cr, s, 0, 0);
    cairo_pattern_set_extend(cairo_get_source(cr), pad_edges(cr) ? CAIRO_EXTEND_PAD : CAIRO_EXTEND_NONE);
    cairo_rectangle(cr, 0, 0, rw, rh);
    cairo_fill(cr);
}

int jy_render_image_draw(cairo_t *cr, const render_image *img, double x, double y, double w, double h, char *err,
                         size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        return fail(err, errlen, "cannot draw an image: %s", cairo_status_to_string(cairo_status(cr)));
    if (!img->data || !img->len)
        return fail(err, errlen, "an empty file");
    double box[4];
    jy_render_image_fit(img, x, y, w, h, box);
    if (!(box[2] > 0) || !(box[3] > 0))
        return 0;

    cairo_surface_t *s = NULL;
    RsvgHandle *svg = NULL;
    switch (img->type) {
    case RENDER_IMAGE_PNG:
        s = png_decode(img, err, errlen);
        break;
    case RENDER_IMAGE_JPEG:
        s = jpeg_surface(img, err, errlen);
        break;
    case RENDER_IMAGE_SVG:
        svg = svg_open(img, err, errlen);
        break;
    default:
        return fail(err, errlen, "not a PNG, JPEG or SVG image");
    }
    if (!s && !svg)
        return -1;

    /* cairo_save keeps everything but the path. */
    cairo_path_t *path = cairo_copy_path(cr);
    cairo_save(cr);
    cairo_new_path(cr);
    int rc = 0;
    if (s) {
        set_unique_id(s, img);
        draw_surface(cr, s, img->orientation, box);
        cairo_surface_destroy(s);
    } else {
        rc = svg_render(cr, svg, box, err, errlen);
        rsvg.unref(svg);
    }
    cairo_restore(cr);
    cairo_new_path(cr);
    if (path->status == CAIRO_STATUS_SUCCESS)
        cairo_append_path(cr, path);
    cairo_path_destroy(path);
    if (rc == 0 && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
        rc = fail(err, errlen, "cannot draw an image: %s", cairo_status_to_string(cairo_status(cr)));
    return rc;
}

const char *jy_render_image_mime(render_image_type type)
{
    switch (type) {
    case RENDER_IMAGE_PNG: return "image/png";
    case RENDER_IMAGE_JPEG: return "image/jpeg";
    case RENDER_IMAGE_SVG: return "image/svg+xml";
    }
    return "application/octet-stream";
}
