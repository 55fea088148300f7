/* test_image.c - the images of maps: reading, sniffing, sizes, fitting,
 * drawing with cairo, and the reasons a file is refused.
 *
 *   test_image FIXTURES EXAMPLE_IMAGES
 *
 * FIXTURES is tests/unit/images (made by its make-fixtures.py), and
 * EXAMPLE_IMAGES examples/img.  Files that are too large, FIFOs and an SVG
 * naming a fixture by its absolute path are made in a temporary directory.
 */
#include "check.h"
#include "render_image.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *fixtures, *examples;

static const char *path_in(const char *dir, const char *name)
{
    static char path[4096];
    int k = snprintf(path, sizeof path, "%s/%s", dir, name);
    if (k < 0 || (size_t)k >= sizeof path) {
        fprintf(stderr, "%s/%s: path too long\n", dir, name);
        exit(2);
    }
    return path;
}

/* Reads a fixture that must read; says why when it does not. */
static int read_ok(const char *dir, const char *name, render_image *img)
{
    char err[256] = "";
    int rc = jy_render_image_read(img, path_in(dir, name), err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "%s: %s\n", name, err);
    CHECK(rc == 0);
    return rc;
}

/* Reads a file that must be refused with exactly this reason. */
static void read_refused(const char *path, const char *reason)
{
    render_image img;
    char err[256] = "";
    int rc = jy_render_image_read(&img, path, err, sizeof err);
    CHECK(rc == -1);
    CHECK(img.data == NULL && img.len == 0);
    if (strcmp(err, reason) != 0)
        fprintf(stderr, "%s: expected \"%s\", got \"%s\"\n", path, reason, err);
    CHECK(strcmp(err, reason) == 0);
    if (rc == 0)
        jy_render_image_free(&img);
}

static void check_size(const char *dir, const char *name, render_image_type type, double w, double h, int orientation)
{
    render_image img;
    if (read_ok(dir, name, &img) != 0)
        return;
    if (img.type != type || img.width != w || img.height != h || img.orientation != orientation)
        fprintf(stderr, "%s: type %d, %.17g x %.17g, orientation %d\n", name, (int)img.type, img.width, img.height,
                img.orientation);
    CHECK(img.type == type);
    CHECK(img.width == w && img.height == h);
    CHECK(img.orientation == orientation);
    CHECK(img.data != NULL && img.len > 0);
    jy_render_image_free(&img);
    CHECK(img.data == NULL);
}

/* ---- pixels ---------------------------------------------------------------- */

static uint32_t pixel(cairo_surface_t *s, int x, int y)
{
    cairo_surface_flush(s);
    const unsigned char *p = cairo_image_surface_get_data(s);
    return *(const uint32_t *)(const void *)(p + (size_t)y * (size_t)cairo_image_surface_get_stride(s) + 4 * (size_t)x);
}

static unsigned chan(uint32_t p, int shift)
{
    return (p >> shift) & 0xFF;
}

static int is_rgb(uint32_t p, unsigned r, unsigned g, unsigned b)
{
    unsigned d = 12;   /* JPEG's rounding */
    return chan(p, 24) == 255 && chan(p, 16) + d >= r && chan(p, 16) <= r + d && chan(p, 8) + d >= g &&
           chan(p, 8) <= g + d && chan(p, 0) + d >= b && chan(p, 0) <= b + d;
}

static int is_red(uint32_t p)
{
    return is_rgb(p, 255, 0, 0);
}

static int is_blue(uint32_t p)
{
    return is_rgb(p, 0, 0, 255);
}

static void expect(cairo_surface_t *s, int x, int y, const char *what, int ok)
{
    if (!ok)
        fprintf(stderr, "pixel %d,%d is %08x, expected %s\n", x, y, (unsigned)pixel(s, x, y), what);
    CHECK(ok);
}

#define EXPECT_RED(s, x, y) expect(s, x, y, "red", is_red(pixel(s, x, y)))
#define EXPECT_BLUE(s, x, y) expect(s, x, y, "blue", is_blue(pixel(s, x, y)))
#define EXPECT_CLEAR(s, x, y) expect(s, x, y, "transparent", pixel(s, x, y) == 0)

static int all_clear(cairo_surface_t *s)
{
    for (int y = 0; y < cairo_image_surface_get_height(s); y++)
        for (int x = 0; x < cairo_image_surface_get_width(s); x++)
            if (pixel(s, x, y) != 0)
                return 0;
    return 1;
}

/* The image drawn into the box on a transparent 100 x 100 surface. */
static cairo_surface_t *drawn(const render_image *img, double x, double y, double w, double h)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 100, 100);
    cairo_t *cr = cairo_create(s);
    char err[256] = "";
    int rc = jy_render_image_draw(cr, img, x, y, w, h, err, sizeof err);
    if (rc != 0)
        fprintf(stderr, "draw: %s\n", err);
    CHECK(rc == 0);
    CHECK(cairo_status(cr) == CAIRO_STATUS_SUCCESS);
    cairo_destroy(cr);
    return s;
}

static cairo_surface_t *drawn_fixture(const char *dir, const char *name)
{
    render_image img;
    if (read_ok(dir, name, &img) != 0)
        return NULL;
    cairo_surface_t *s = drawn(&img, 0, 0, 100, 100);
    jy_render_image_free(&img);
    return s;
}

/* ---- the tests --------------------------------------------------------------- */

static void test_sizes(void)
{
    check_size(fixtures, "red-4x3.png", RENDER_IMAGE_PNG, 4, 3, 1);
    check_size(fixtures, "red-6x4.jpg", RENDER_IMAGE_JPEG, 6, 4, 1);
    check_size(fixtures, "red-progressive-6x4.jpg", RENDER_IMAGE_JPEG, 6, 4, 1);
    check_size(fixtures, "gray-5x7.jpg", RENDER_IMAGE_JPEG, 5, 7, 1);
    check_size(fixtures, "cmyk-red-8x8.jpg", RENDER_IMAGE_JPEG, 8, 8, 1);
    /* stored 16 x 8, shown turned a quarter: EXIF little-endian, big-endian */
    check_size(fixtures, "halves-16x8-exif6.jpg", RENDER_IMAGE_JPEG, 8, 16, 6);
    check_size(fixtures, "halves-16x8-exif8.jpg", RENDER_IMAGE_JPEG, 8, 16, 8);
    check_size(fixtures, "red-40x20.svg", RENDER_IMAGE_SVG, 40, 20, 1);
    check_size(fixtures, "red-plain-40x20.svg", RENDER_IMAGE_SVG, 40, 20, 1);
    check_size(fixtures, "bom.svg", RENDER_IMAGE_SVG, 8, 8, 1);
    check_size(fixtures, "viewbox-30x60.svg", RENDER_IMAGE_SVG, 30, 60, 1);
    check_size(fixtures, "mm.svg", RENDER_IMAGE_SVG, 192, 96, 1);
    check_size(fixtures, "pt.svg", RENDER_IMAGE_SVG, 96, 48, 1);
    check_size(examples, "maya.svg", RENDER_IMAGE_SVG, 96, 96, 1);
    check_size(examples, "cart-sketch.svg", RENDER_IMAGE_SVG, 160, 100, 1);
    check_size(examples, "kiosk-sketch.svg", RENDER_IMAGE_SVG, 100, 160, 1);
}

static void test_mime(void)
{
    CHECK(strcmp(jy_render_image_mime(RENDER_IMAGE_PNG), "image/png") == 0);
    CHECK(strcmp(jy_render_image_mime(RENDER_IMAGE_JPEG), "image/jpeg") == 0);
    CHECK(strcmp(jy_render_image_mime(RENDER_IMAGE_SVG), "image/svg+xml") == 0);
}

static void test_fit(void)
{
    render_image img = { .type = RENDER_IMAGE_PNG, .width = 4, .height = 3, .orientation = 1 };
    double o[4];
    jy_render_image_fit(&img, 0, 0, 100, 100, o);
    CHECK(o[0] == 0 && o[1] == 12.5 && o[2] == 100 && o[3] == 75);
    /* a tall image in a wide box: centred across */
    img.width = 30;
    img.height = 60;
    jy_render_image_fit(&img, 10, 20, 100, 50, o);
    CHECK(o[0] == 47.5 && o[1] == 20 && o[2] == 25 && o[3] == 50);
    /* the same aspect: the box itself */
    jy_render_image_fit(&img, 1, 2, 3, 6, o);
    CHECK(o[0] == 1 && o[1] == 2 && o[2] == 3 && o[3] == 6);
    /* an empty box: nothing to draw */
    jy_render_image_fit(&img, 5, 5, 0, 10, o);
    CHECK(o[2] == 0 && o[3] == 0);
}

static void test_draw(void)
{
    cairo_surface_t *s;
    /* 4 x 3 in 100 x 100: 0,12.5 100 x 75, edges sharp */
    if ((s = drawn_fixture(fixtures, "red-4x3.png"))) {
        EXPECT_RED(s, 50, 50);
        EXPECT_RED(s, 0, 13);
        EXPECT_RED(s, 99, 86);
        EXPECT_CLEAR(s, 50, 5);
        EXPECT_CLEAR(s, 50, 94);
        cairo_surface_destroy(s);
    }
    /* 6 x 4: 0,16.7 100 x 66.7 */
    const char *jpegs[] = { "red-6x4.jpg", "red-progressive-6x4.jpg" };
    for (size_t i = 0; i < 2; i++) {
        if ((s = drawn_fixture(fixtures, jpegs[i]))) {
            EXPECT_RED(s, 50, 50);
            EXPECT_CLEAR(s, 50, 10);
            EXPECT_CLEAR(s, 50, 90);
            cairo_surface_destroy(s);
        }
    }
    /* 40 x 20: 0,25 100 x 50, with a viewBox and without */
    const char *svgs[] = { "red-40x20.svg", "red-plain-40x20.svg" };
    for (size_t i = 0; i < 2; i++) {
        if ((s = drawn_fixture(fixtures, svgs[i]))) {
            EXPECT_RED(s, 50, 50);
            EXPECT_RED(s, 2, 27);
            EXPECT_RED(s, 97, 72);
            EXPECT_CLEAR(s, 50, 10);
            EXPECT_CLEAR(s, 50, 90);
            cairo_surface_destroy(s);
        }
    }
    /* 30 x 60 (its viewBox): 25,0 50 x 100 */
    if ((s = drawn_fixture(fixtures, "viewbox-30x60.svg"))) {
        EXPECT_RED(s, 50, 50);
        EXPECT_CLEAR(s, 10, 50);
        EXPECT_CLEAR(s, 90, 50);
        cairo_surface_destroy(s);
    }
    if ((s = drawn_fixture(fixtures, "gray-5x7.jpg"))) {
        expect(s, 50, 50, "grey", is_rgb(pixel(s, 50, 50), 128, 128, 128));
        EXPECT_CLEAR(s, 5, 50);
        cairo_surface_destroy(s);
    }
    /* Adobe's inverted CMYK */
    if ((s = drawn_fixture(fixtures, "cmyk-red-8x8.jpg"))) {
        EXPECT_RED(s, 50, 50);
        cairo_surface_destroy(s);
    }
}

/* Stored as red | blue (16 x 8).  Orientation 6 turns it clockwise: red on
 * top; 8 anticlockwise: blue on top.  Shown 8 x 16: 25,0 50 x 100. */
static void test_orientation(void)
{
    cairo_surface_t *s;
    if ((s = drawn_fixture(fixtures, "halves-16x8-exif6.jpg"))) {
        EXPECT_RED(s, 50, 25);
        EXPECT_BLUE(s, 50, 75);
        EXPECT_CLEAR(s, 10, 50);
        EXPECT_CLEAR(s, 90, 50);
        cairo_surface_destroy(s);
    }
    if ((s = drawn_fixture(fixtures, "halves-16x8-exif8.jpg"))) {
        EXPECT_BLUE(s, 50, 25);
        EXPECT_RED(s, 50, 75);
        EXPECT_CLEAR(s, 10, 50);
        cairo_surface_destroy(s);
    }
}

/* The box is in the context's user space; the context is left as found,
 * its path too. */
static void test_context(void)
{
    render_image img;
    if (read_ok(fixtures, "red-4x3.png", &img) != 0)
        return;
    for (int svg = 0; svg < 2; svg++) {
        render_image svg_img;
        const render_image *im = &img;
        if (svg) {
            if (read_ok(fixtures, "red-40x20.svg", &svg_img) != 0)
                continue;
            im = &svg_img;
        }
        cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 100, 100);
        cairo_t *cr = cairo_create(s);
        cairo_scale(cr, 2, 2);
        cairo_set_source_rgb(cr, 0, 1, 0);
        cairo_set_line_width(cr, 3);
        cairo_move_to(cr, 3, 4);
        cairo_line_to(cr, 5, 6);
        cairo_matrix_t before, after;
        cairo_get_matrix(cr, &before);
        char err[256] = "";
        CHECK(jy_render_image_draw(cr, im, 0, 0, 50, 50, err, sizeof err) == 0);
        cairo_get_matrix(cr, &after);
        CHECK(memcmp(&before, &after, sizeof before) == 0);
        CHECK(cairo_get_line_width(cr) == 3);
        double r, g, b, a;
        CHECK(cairo_pattern_get_rgba(cairo_get_source(cr), &r, &g, &b, &a) == CAIRO_STATUS_SUCCESS && g == 1 &&
              r == 0);
        double px, py;
        CHECK(cairo_has_current_point(cr));
        cairo_get_current_point(cr, &px, &py);
        CHECK(px == 5 && py == 6);
        cairo_destroy(cr);
        EXPECT_RED(s, 50, 50);
        EXPECT_CLEAR(s, 50, 3);
        cairo_surface_destroy(s);
        if (svg)
            jy_render_image_free(&svg_img);
    }
    jy_render_image_free(&img);
}

/* The same image gives the same pixels. */
static void test_determinism(void)
{
    const char *names[] = { "red-6x4.jpg", "halves-16x8-exif6.jpg", "cmyk-red-8x8.jpg", "red-40x20.svg" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        render_image img;
        if (read_ok(fixtures, names[i], &img) != 0)
            continue;
        cairo_surface_t *a = drawn(&img, 3.3, 7.1, 77.7, 55.5), *b = drawn(&img, 3.3, 7.1, 77.7, 55.5);
        cairo_surface_flush(a);
        cairo_surface_flush(b);
        CHECK(memcmp(cairo_image_surface_get_data(a), cairo_image_surface_get_data(b),
                     (size_t)cairo_image_surface_get_stride(a) * 100) == 0);
        cairo_surface_destroy(a);
        cairo_surface_destroy(b);
        jy_render_image_free(&img);
    }
}

typedef struct {
    char *p;
    size_t n;
} membuf;

static cairo_status_t to_membuf(void *closure, const unsigned char *data, unsigned int length)
{
    membuf *m = closure;
    char *p = realloc(m->p, m->n + length + 1);
    if (!p)
        return CAIRO_STATUS_NO_MEMORY;
    memcpy(p + m->n, data, length);
    m->p = p;
    m->n += length;
    p[m->n] = '\0';
    return CAIRO_STATUS_SUCCESS;
}

/* A PDF embeds a JPEG's own bytes (DCTDecode), turned by the transform. */
static void test_pdf_jpeg(void)
{
    const char *names[] = { "red-6x4.jpg", "halves-16x8-exif6.jpg" };
    for (size_t i = 0; i < 2; i++) {
        render_image img;
        if (read_ok(fixtures, names[i], &img) != 0)
            continue;
        membuf m = { NULL, 0 };
        cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_membuf, &m, 200, 200);
        cairo_t *cr = cairo_create(s);
        char err[256] = "";
        CHECK(jy_render_image_draw(cr, &img, 10, 10, 100, 100, err, sizeof err) == 0);
        cairo_destroy(cr);
        cairo_surface_finish(s);
        CHECK(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS);
        cairo_surface_destroy(s);
        /* the JPEG's bytes are freed before the PDF is written: the PDF
         * holds a copy */
        jy_render_image_free(&img);
        CHECK(m.p && memmem(m.p, m.n, "/DCTDecode", 10) != NULL);
        free(m.p);
    }
}

/* An SVG loads nothing from outside itself: no file, no URL, no
 * stylesheet; it draws (as nothing) and does not wait. */
static void test_svg_external(const char *tmp)
{
    cairo_surface_t *s;
    if ((s = drawn_fixture(fixtures, "external.svg"))) {
        CHECK(all_clear(s));
        cairo_surface_destroy(s);
    }
    /* a fixture that exists, by its absolute path and as a file: URL */
    char abs[4096];
    if (!realpath(path_in(fixtures, "red-4x3.png"), abs)) {
        CHECK(!"realpath");
        return;
    }
    char svg[9000];
    snprintf(svg, sizeof svg,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">\n"
             "<image href=\"file://%s\" width=\"10\" height=\"10\"/>\n"
             "<image href=\"%s\" width=\"10\" height=\"10\"/>\n"
             "</svg>\n",
             abs, abs);
    const char *path = path_in(tmp, "absolute.svg");
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs(svg, f);
    fclose(f);
    if ((s = drawn_fixture(tmp, "absolute.svg"))) {
        CHECK(all_clear(s));
        cairo_surface_destroy(s);
    }
    unlink(path);
}

static void test_refused(const char *tmp)
{
    read_refused(path_in(fixtures, "text.png"), "not a PNG, JPEG or SVG image");
    read_refused(path_in(fixtures, "empty.png"), "an empty file");
    read_refused(path_in(fixtures, "truncated.png"), "a PNG image cut short");
    read_refused(path_in(fixtures, "truncated.jpg"), "a JPEG image cut short");
    read_refused(path_in(fixtures, "huge.png"),
                 "100000 \u00D7 100000 pixels: journey draws images of at most 40 megapixels");
    read_refused(path_in(fixtures, "huge.jpg"),
                 "50000 \u00D7 50000 pixels: journey draws images of at most 40 megapixels");
    read_refused(path_in(fixtures, "wide.png"),
                 "40000 \u00D7 1 pixels: journey draws images of at most 32767 pixels a side");
    read_refused(path_in(fixtures, "nosize.svg"), "an SVG image needs a width and height or a viewBox");
    read_refused(path_in(fixtures, "no-such-image.png"), "no such file");
    read_refused(fixtures, "is a directory");
    /* a broken SVG, librsvg's message after the reason (named .txt: every
     * .svg of the repository is XML, tests/svgxml; the type is the bytes') */
    render_image img;
    char err[256] = "";
    CHECK(jy_render_image_read(&img, path_in(fixtures, "broken-svg.txt"), err, sizeof err) == -1);
    CHECK(strncmp(err, "a broken SVG image: ", 20) == 0 && strlen(err) > 20 && !strchr(err, '\n'));
    CHECK(img.data == NULL);
    /* an external entity is never read: it stays undefined */
    CHECK(jy_render_image_read(&img, path_in(fixtures, "entity.svg"), err, sizeof err) == -1);
    CHECK(strncmp(err, "a broken SVG image: ", 20) == 0 && strstr(err, "'host' not defined"));

    /* a file one byte over 16 MB (sparse: nothing written) */
    const char *big = path_in(tmp, "big.png");
    FILE *f = fopen(big, "w");
    CHECK(f != NULL);
    if (f) {
        CHECK(ftruncate(fileno(f), (off_t)RENDER_IMAGE_MAX_BYTES + 1) == 0);
        fclose(f);
        read_refused(big, "larger than 16 MB");
        unlink(big);
    }
    /* a FIFO nobody writes to: refused at once */
    const char *fifo = path_in(tmp, "fifo.png");
    CHECK(mkfifo(fifo, 0600) == 0);
    read_refused(fifo, "is a FIFO, not a regular file");
    unlink(fifo);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: test_image FIXTURES EXAMPLE_IMAGES\n");
        return 2;
    }
    fixtures = argv[1];
    examples = argv[2];
    alarm(120);   /* a read that blocks fails the test instead of hanging it */
    const char *tmpdir = getenv("TMPDIR");
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s/journey-image-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 2;
    }
    test_sizes();
    test_mime();
    test_fit();
    test_draw();
    test_orientation();
    test_context();
    test_determinism();
    test_pdf_jpeg();
    test_svg_external(tmp);
    test_refused(tmp);
    rmdir(tmp);
    TEST_DONE();
}
