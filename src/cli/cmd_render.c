/* cmd_render.c - journey render FILE -o OUT [-T FORMAT] [--persona ID] [--lanes LIST] [--rows N|auto]
 * [--paper SIZE] [--scale F] [--theme NAME] [--background COLOR] [--no-cards] [--tag NAME] */
#include "cli.h"
#include "journey/render.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char render_usage[] =
    "usage: journey render [options] FILE -o OUT\n"
    "\n"
    "Check FILE and draw its map: stages as columns split into their steps,\n"
    "lanes as rows, an emotion curve per persona.  docs/render.md describes\n"
    "the picture.  A map with errors draws nothing.\n"
    "\n"
    "Options:\n"
    "  -o, --output OUT       write to OUT (\"-\": standard output); OUT is replaced\n"
    "                         only when the whole map was drawn\n"
    "  -T, --format FORMAT    svg, png, pdf, dot (the positioned Graphviz source)\n"
    "                         or html (the SVG in one page to explore: details\n"
    "                         on a click, search, zoom, links to a step); by\n"
    "                         default from OUT's extension; -T without -o\n"
    "                         writes to standard output\n"
    "  --persona ID           draw one persona's view: the steps that concern it\n"
    "                         and its emotion curve\n"
    "  --lanes LIST           the lanes to draw, in order, separated by commas;\n"
    "                         default: steps,touchpoints,thoughts,emotions,pains,\n"
    "                         opportunities,artifacts,interaction,frontstage,\n"
    "                         visibility,backstage,internal,support,owners,\n"
    "                         metrics,notes (lanes with nothing in them are left\n"
    "                         out); evidence is a further lane\n"
    "  --rows N|auto          flow whole stages onto N rows of one picture; auto\n"
    "                         (the default) makes rows when one would be wider\n"
    "                         than 3:1\n"
    "  --paper SIZE           PDF pages of a paper size: a4, a3, a2, a1, a0, letter\n"
    "                         or tabloid, turned with -landscape (a3-landscape)\n"
    "  --scale F              PNG: F times 96 dots per inch (default 1)\n"
    "  --theme NAME           light (the default), dark, or print (greys only)\n"
    "  --background COLOR     the page's colour (#rrggbb, a name) or transparent\n"
    "  --no-cards             a one-line legend instead of the persona cards\n"
    "  --tag NAME             only the steps and items tagged NAME (a tagged step\n"
    "                         whole, else the step's tagged items)\n"
    "  --compare[=BASELINE]   as-is against to-be: the baseline's curves faint\n"
    "                         behind this map's, new steps marked, removed steps\n"
    "                         listed, resolved pains struck through (steps and\n"
    "                         personas matched by id); the baseline is the map's\n"
    "                         own (its baseline statement) unless BASELINE names one\n"
    "  -I DIR                 also look for imported files, baselines and images in\n"
    "                         DIR (repeatable)\n"
    "  --import-root DIR      imports must resolve inside DIR, as for journey check\n"
    "  --stdin-filename PATH  FILE \"-\" is PATH, as for journey check\n"
    "  -W NAME, --max-errors N, --color[=WHEN], --diagnostics=FORMAT\n"
    "                         as for journey check\n"
    "  -h, --help             show this help\n"
    "\n"
    "A PNG is at most 32767 pixels wide and a PDF page 200 inches: a map wider\n"
    "than that is split into pages at stage boundaries.  A PDF holds them all;\n"
    "a PNG map of several pages is written as one file per page, named OUT\n"
    "with -1, -2, ... before the extension (map-1.png, map-2.png), all renamed\n"
    "into place together; pages an earlier render left under those names (or\n"
    "OUT itself) are removed.\n";

typedef struct {
    render_map *map;
    const char *source;
} page_job;

static int write_page(FILE *out, size_t page, void *ctx)
{
    page_job *j = ctx;
    char err[512];
    if (jy_render_write(out, j->map, (unsigned)page, err, sizeof err) != 0) {
        if (!ferror(out))   /* else the write error is said by cli_write_files */
            cli_usage_error("cannot render '%s': %s", j->source, err);
        return -1;
    }
    return 0;
}

/* "map.png", page 2 -> "map-2.png" (the number goes before the extension). */
static char *page_path(const char *out, unsigned page)
{
    const char *dot = strrchr(out, '.');
    const char *slash = strrchr(out, '/');
    if (!dot || (slash && dot < slash) || dot == out || (slash && dot == slash + 1))
        dot = out + strlen(out);
    jy_buf b = { 0 };
    jy_buf_add(&b, out, (size_t)(dot - out));
    jy_buf_printf(&b, "-%u", page + 1);
    jy_buf_adds(&b, dot);
    jy_buf_cstr(&b);
    return b.p;
}

/* Whether path holds a regular file (not through a link) that the render
 * did not read: a page an earlier render left, to remove. */
static bool stale_page(const char *path, const jy_compilation *c)
{
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return false;
    for (size_t i = 0; i < c->ninputs; i++)
        if (c->inputs[i].dev == (uint64_t)st.st_dev && c->inputs[i].ino == (uint64_t)st.st_ino)
            return false;
    return true;
}

/* Writes the npages files of a render: OUT alone, or OUT-1 ... OUT-n for a
 * PNG of several pages, all committed together; then the files of the
 * same names an earlier render of a different page count left (OUT-k
 * past the new count, and OUT or OUT-1... whichever form was not written
 * this time) are removed.  Returns an exit status. */
static int write_pages(const char *output, render_map *rm, unsigned npages, bool png, const jy_compilation *from,
                       const char *source)
{
    bool paged = npages > 1;
    char **paths = jy_xcalloc(npages, sizeof *paths);
    for (unsigned p = 0; p < npages; p++)
        paths[p] = paged ? page_path(output, p) : jy_xstrdup(output);
    char **stale = NULL;
    size_t nstale = 0, cap = 0;
    if (png && strcmp(output, "-") != 0) {
        if (paged && stale_page(output, from))
            VEC_PUSH(stale, nstale, cap, jy_xstrdup(output));
        for (unsigned k = paged ? npages : 0;; k++) {
            char *old = page_path(output, k);
            if (!stale_page(old, from)) {
                free(old);
                break;
            }
            VEC_PUSH(stale, nstale, cap, old);
        }
    }
    jy_out_options opts = { from->inputs, from->ninputs, false };
    page_job job = { rm, source };
    int status = cli_write_files((const char *const *)paths, npages, &opts, (const char *const *)stale, nstale,
                                 write_page, &job);
    if (status == EXIT_OK && paged)
        cli_note("the map is too wide for one PNG: wrote %u pages, %s to %s", npages, paths[0], paths[npages - 1]);
    if (status == EXIT_OK && nstale) {
        jy_buf b = { 0 };
        for (size_t i = 0; i < nstale; i++)
            jy_buf_printf(&b, "%s%s", i ? ", " : "", stale[i]);
        cli_note("removed %s, left by an earlier render", jy_buf_cstr(&b));
        jy_buf_free(&b);
    }
    for (unsigned p = 0; p < npages; p++)
        free(paths[p]);
    free(paths);
    for (size_t i = 0; i < nstale; i++)
        free(stale[i]);
    free(stale);
    return status;
}

static int find_persona(const jy_model *m, const char *id, int32_t *out)
{
    for (uint32_t i = 0; i < m->npersonas; i++)
        if (jy_str_eqz(m->personas[i].id, id)) {
            *out = (int32_t)i;
            return 0;
        }
    if (!m->npersonas) {
        cli_usage_error("--persona %s: the map declares no persona", id);
        return -1;
    }
    jy_buf b = { 0 };
    for (uint32_t i = 0; i < m->npersonas; i++)
        jy_buf_printf(&b, "%s%.*s", i ? ", " : "", (int)m->personas[i].id.n, m->personas[i].id.s);
    cli_usage_error("--persona: the map has no persona '%s'; its personas are %s", id, jy_buf_cstr(&b));
    jy_buf_free(&b);
    return -1;
}

/* A text too long to draw, named by its place in the source: a usage
 * error, like the other limits of drawing. */
static int too_tall(const render_map *rm, jy_diags *d, const char *path)
{
    jy_loc loc;
    bool has_loc;
    unsigned long lines;
    const char *what;
    if (!jy_render_too_tall(rm, &loc, &has_loc, &lines, &what))
        return 0;
    jy_buf at = { 0 };
    if (has_loc) {
        jy_pos pos = jy_sources_position(jy_diags_sources(d), loc.file, loc.off);
        jy_buf_printf(&at, "%s:%u:%u", jy_sources_get(jy_diags_sources(d), loc.file)->name, pos.line, pos.col);
    } else {
        jy_buf_adds(&at, path);
    }
    cli_usage_error("%s: cannot draw %s: it would be %lu lines tall, and journey draws at most %d lines in one "
                    "box; shorten the text or leave its lane out with --lanes (report and export take texts of any "
                    "length)",
                    jy_buf_cstr(&at), what, lines, RENDER_MAX_LINES);
    jy_buf_free(&at);
    return -1;
}

static int cmd_render(int argc, char **argv)
{
    enum { OPT_PERSONA = 3001, OPT_LANES, OPT_ROWS, OPT_PAPER, OPT_SCALE, OPT_THEME, OPT_BACKGROUND, OPT_NO_CARDS,
           OPT_TAG, OPT_COMPARE };
    static const struct option longopts[] = {
        CLI_DIAG_LONG_OPTIONS,
        CLI_IMPORT_LONG_OPTIONS,
        CLI_STDIN_LONG_OPTIONS,
        { "output", required_argument, NULL, 'o' },
        { "format", required_argument, NULL, 'T' },
        { "persona", required_argument, NULL, OPT_PERSONA },
        { "lanes", required_argument, NULL, OPT_LANES },
        { "rows", required_argument, NULL, OPT_ROWS },
        { "paper", required_argument, NULL, OPT_PAPER },
        { "scale", required_argument, NULL, OPT_SCALE },
        { "theme", required_argument, NULL, OPT_THEME },
        { "background", required_argument, NULL, OPT_BACKGROUND },
        { "no-cards", no_argument, NULL, OPT_NO_CARDS },
        { "tag", required_argument, NULL, OPT_TAG },
        { "compare", optional_argument, NULL, OPT_COMPARE },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    cli_diag_options o;
    cli_diag_defaults(&o);
    render_options ro;
    jy_render_options_default(&ro);
    const char *output = NULL, *format = NULL, *persona = NULL, *compare_file = NULL;
    bool compare = false;
    int status = EXIT_OK, opt;
    while (status == EXIT_OK && (opt = cli_getopt(argc, argv, CLI_DIAG_SHORT_OPTIONS "o:T:h", longopts)) != -1) {
        switch (opt) {
        case 'h':
            cli_diag_options_free(&o);
            return cli_help_for("render");
        case 'o':
            output = optarg;
            break;
        case 'T':
            format = optarg;
            break;
        case OPT_PERSONA:
            persona = optarg;
            break;
        case OPT_LANES: {
            const char *bad;
            size_t badlen;
            if (!jy_render_lanes_parse(optarg, &ro, &bad, &badlen)) {
                bool repeated = false;
                for (unsigned i = 0; i < ro.nlanes; i++)
                    repeated |= strlen(jy_render_lane_name(ro.lanes[i])) == badlen &&
                                memcmp(jy_render_lane_name(ro.lanes[i]), bad, badlen) == 0;
                if (repeated)
                    cli_usage_error("--lanes: '%.*s' is listed twice", (int)badlen, bad);
                else {
                    const char *names[RENDER_NLANES];
                    for (unsigned i = 0; i < RENDER_NLANES; i++)
                        names[i] = jy_render_lane_name((render_lane)i);
                    const char *best = jy_suggest(jy_str_make(bad, badlen), names, RENDER_NLANES);
                    if (best)
                        cli_usage_error("--lanes: unknown lane '%.*s'; did you mean '%s'?", (int)badlen, bad, best);
                    else
                        cli_usage_error("--lanes: unknown lane '%.*s'; the lanes are steps, touchpoints, thoughts, "
                                        "emotions, pains, opportunities, artifacts, interaction, frontstage, "
                                        "visibility, backstage, internal, support, owners, metrics, notes and "
                                        "evidence",
                                        (int)badlen, bad);
                }
                status = EXIT_USAGE;
            }
            break;
        }
        case OPT_ROWS: {
            char *end = optarg;
            unsigned long n = strcmp(optarg, "auto") == 0 ? 0 : strtoul(optarg, &end, 10);
            if (strcmp(optarg, "auto") != 0 && (!*optarg || *end || n < 1 || n > RENDER_MAX_ROWS || *optarg == '-')) {
                cli_usage_error("--rows takes a number from 1 to %d or auto, not '%s'", RENDER_MAX_ROWS, optarg);
                status = EXIT_USAGE;
            }
            ro.rows = (unsigned)n;
            break;
        }
        case OPT_PAPER:
            if (!jy_render_paper_parse(optarg, &ro.paper, &ro.landscape)) {
                cli_usage_error("--paper takes a4, a3, a2, a1, a0, letter or tabloid, with -landscape or not, "
                                "not '%s'", optarg);
                status = EXIT_USAGE;
            }
            break;
        case OPT_SCALE: {
            char *end;
            double f = strtod(optarg, &end);
            if (!*optarg || *end || !(f >= 0.25 && f <= RENDER_MAX_SCALE)) {
                cli_usage_error("--scale takes a number from 0.25 to %g, not '%s'", RENDER_MAX_SCALE, optarg);
                status = EXIT_USAGE;
            }
            ro.scale = f;
            break;
        }
        case OPT_THEME:
            if (!jy_render_theme_parse(optarg, &ro.theme)) {
                cli_usage_error("--theme takes light, dark or print, not '%s'", optarg);
                status = EXIT_USAGE;
            }
            break;
        case OPT_BACKGROUND:
            if (!jy_render_background_valid(optarg)) {
                cli_usage_error("--background takes a colour (#rrggbb, #rgb, #rrggbbaa or a name such as white) "
                                "or transparent, not '%s'", optarg);
                status = EXIT_USAGE;
            }
            ro.background = optarg;
            break;
        case OPT_NO_CARDS:
            ro.no_cards = true;
            break;
        case OPT_TAG:
            ro.tag = optarg;
            break;
        case OPT_COMPARE:
            compare = true;
            compare_file = optarg;
            break;
        default:
            if (opt == '?' || cli_diag_option(&o, opt, optarg) <= 0)
                status = EXIT_USAGE;
        }
    }
    if (status == EXIT_OK && argc - optind != 1) {
        cli_usage_error("render takes one FILE (\"-\" for standard input)");
        status = EXIT_USAGE;
    } else if (status == EXIT_OK && !output && !format) {
        cli_usage_error("render needs -o OUT (or -T FORMAT to write to standard output)");
        status = EXIT_USAGE;
    } else if (status == EXIT_OK && format && !jy_render_format_parse(format, &ro.format)) {
        static const char *const formats[] = { "svg", "png", "pdf", "dot", "html" };
        cli_usage_error("-T takes svg, png, pdf, dot or html, not '%s'%s", format, cli_did_you_mean(format, formats, 5));
        status = EXIT_USAGE;
    } else if (status == EXIT_OK && !format && strcmp(output, "-") == 0) {
        cli_usage_error("-o - needs a format: add -T svg, png, pdf, dot or html");
        status = EXIT_USAGE;
    } else if (status == EXIT_OK && !format && !jy_render_format_from_path(output, &ro.format)) {
        cli_usage_error("cannot tell the format from '%s'; add -T svg, png, pdf, dot or html", output);
        status = EXIT_USAGE;
    }
    if (status == EXIT_OK && ro.paper != RENDER_PAPER_NONE && ro.format != RENDER_PDF) {
        cli_usage_error("--paper makes PDF pages: add -T pdf, or write to a .pdf file");
        status = EXIT_USAGE;
    } else if (status == EXIT_OK && ro.scale != 1.0 && ro.format != RENDER_PNG) {
        cli_usage_error("--scale is for PNG: SVG and PDF are drawn in vector and scale by themselves");
        status = EXIT_USAGE;
    } else if (status == EXIT_OK && ro.rows > 1 && ro.format == RENDER_HTML) {
        cli_usage_error("--rows is for pictures: the HTML map is one row, panned and zoomed in the browser");
        status = EXIT_USAGE;
    }
    if (status != EXIT_OK) {
        cli_diag_options_free(&o);
        return status;
    }
    if (!output)
        output = "-";
    const char *path = argv[optind];
    o.data_on_stdout = strcmp(output, "-") == 0;
    cli_map map;
    /* The map's diagnostics and those of its images (read after the
     * layout) make one report: cli_finish at the end. */
    cli_tally tally = { 0, 0 };
    status = cli_load_map_tally(&o, path, &map, &tally);
    bool unread = status == EXIT_USAGE && map.comp && map.comp->read_status != JY_READ_OK;
    const jy_model *m = status == EXIT_OK ? map.comp->model : NULL;
    if (m && !m->has_journey) {
        cli_usage_error("'%s' is a library (it has no journey): there is no map to draw", path);
        status = EXIT_INPUT;
    } else if (m && persona && find_persona(m, persona, &ro.persona) != 0) {
        status = EXIT_USAGE;
    } else if (m && m->nsteps > RENDER_MAX_STEPS) {
        cli_usage_error("'%s' has %u steps; journey draws at most %d in one map (report and export "
                        "take maps of any size)",
                        path, m->nsteps, RENDER_MAX_STEPS);
        status = EXIT_USAGE;
    } else if (m && jy_render_emotion_points(m, &ro) > RENDER_MAX_POINTS) {
        cli_usage_error("'%s' has %llu emotion points to draw (%u personas, %u steps); journey draws at most %d in "
                        "one map: draw one persona's view with --persona ID, or leave the emotions out with --lanes",
                        path, (unsigned long long)jy_render_emotion_points(m, &ro), m->npersonas, m->nsteps,
                        RENDER_MAX_POINTS);
        status = EXIT_USAGE;
    }
    cli_map base;
    bool base_loaded = false;
    if (status == EXIT_OK && compare) {
        if (!compare_file && m->baseline) {
            ro.baseline = m->baseline;   /* the map's own `baseline` */
        } else if (!compare_file) {
            if (m->baseline_file.given)
                cli_usage_error("--compare: the baseline of '%s', '%.*s', did not check cleanly, so there is "
                                "nothing to compare with", path, (int)m->baseline_file.path.n,
                                m->baseline_file.path.s);
            else
                cli_usage_error("--compare: '%s' names no baseline; name the as-is map: --compare=FILE", path);
            status = EXIT_USAGE;
        } else {
            status = cli_load_map(&o, compare_file, &base);
            base_loaded = true;
            if (status == EXIT_OK && !base.comp->model->has_journey) {
                cli_usage_error("--compare: '%s' is a library (it has no journey)", compare_file);
                status = EXIT_INPUT;
            }
            if (status == EXIT_OK)
                ro.baseline = base.comp->model;
        }
    }
    if (m)
        ro.sources = jy_diags_sources(map.diags);
    render_map *rm = status == EXIT_OK ? jy_render_plan(m, &ro) : NULL;
    if (rm && too_tall(rm, map.diags, path) != 0) {
        jy_render_map_free(rm);
        rm = NULL;
        status = EXIT_USAGE;
    }
    if (rm && ro.format != RENDER_DOT && jy_render_load_images(rm, map.diags) > 0) {
        cli_emit(&o, map.diags, &tally);
        jy_render_map_free(rm);
        rm = NULL;
        status = EXIT_INPUT;
    }
    if (unread) {
        cli_tally none = { 0, 0 };
        if (o.format == JY_DFMT_SARIF)
            cli_finish(&o, NULL, 0, &none);   /* a log that says why */
    } else if (map.diags) {
        cli_finish(&o, &map.diags, 1, &tally);
    }
    unsigned npages = rm ? jy_render_nfiles(rm) : 0;
    if (npages > 1 && strcmp(output, "-") == 0) {
        cli_usage_error("the map is too wide for one PNG, so it takes %u pages; give -o FILE.png to write them "
                        "as FILE-1.png, FILE-2.png, ...",
                        npages);
        status = EXIT_USAGE;
    }
    if (status == EXIT_OK && npages)
        status = write_pages(output, rm, npages, ro.format == RENDER_PNG, map.comp, path);
    jy_render_map_free(rm);
    jy_render_shutdown();
    if (base_loaded)
        cli_map_free(&base);
    cli_map_free(&map);
    cli_diag_options_free(&o);
    return status;
}

const cli_command cli_cmd_render = { "render", "draw a map as SVG, PNG, PDF, positioned DOT or interactive HTML", render_usage,
                                     cmd_render, 20 };
