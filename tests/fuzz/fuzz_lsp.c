/* fuzz_lsp.c - libFuzzer target: bytes read by the language server as if
 * they came from an editor (Content-Length framing, JSON, dispatch), with
 * replies written to /dev/null.  The same bytes then go in again as the
 * body of one message after an initialize and the opening of a small map,
 * so that JSON the framing would reject still reaches the handlers.  A
 * crash, a sanitizer report, a hang or a leak is a bug.
 */
#include "lsp.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void frame(jy_buf *b, const char *body, size_t n)
{
    jy_buf_printf(b, "Content-Length: %zu\r\n\r\n", n);
    jy_buf_add(b, body, n);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static int sink = -1;
    if (sink < 0)
        sink = open("/dev/null", O_WRONLY);
    lsp_fuzz_one((const char *)data, size, sink);

    static const char init[] = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}";
    static const char open_map[] =
        "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{"
        "\"uri\":\"file:///fuzz/map.journey\",\"version\":1,\"text\":\"persona ana \\\"Ana\\\"\\n"
        "journey \\\"J\\\" {\\n  stage s \\\"S\\\" {\\n    step a \\\"\\u00dcber \\ud83e\\udde4\\\" { persona ana; "
        "emotion ana 1; owner nobody }\\n  }\\n}\\n\"}}}";
    jy_buf b = { 0 };
    frame(&b, init, sizeof init - 1);
    frame(&b, open_map, sizeof open_map - 1);
    frame(&b, (const char *)data, size);
    lsp_fuzz_one(b.p, b.len, sink);
    jy_buf_free(&b);
    return 0;
}
