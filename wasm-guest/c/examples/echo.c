/*
 * echo: the original tool's WASM echo plugin, one module in three roles.
 *   source:    one row {"message": ..., "plugin": "echo-wasm", "type": "source"}, then the end
 *   transform: the rows as they are, each with "_echo_processed": true when add_metadata is true
 *   sink:      accepts every batch; an empty batch is the error "Received empty data"
 */
#include <stdlib.h>
#include <string.h>

#include "conveyor.h"

static const char DESCRIPTION[] =
    "{\"abi\":1,\"name\":\"echo\",\"version\":\"1.0.0\","
    "\"roles\":[\"source\",\"transform\",\"sink\"],\"format\":\"ndjson\","
    "\"description\":\"Echoes rows: as a source one greeting row, as a transform its input "
    "(marked with _echo_processed), as a sink it accepts every non-empty batch.\","
    "\"parameters\":["
    "{\"name\":\"message\",\"type\":\"string\",\"required\":false,"
    "\"default\":\"Hello from WASM Echo Plugin!\",\"description\":\"The message of the source's row.\"},"
    "{\"name\":\"add_metadata\",\"type\":\"boolean\",\"required\":false,\"default\":true,"
    "\"description\":\"Whether the transform adds \\\"_echo_processed\\\": true to each row.\"},"
    "{\"name\":\"mode\",\"type\":\"string\",\"required\":false,\"default\":\"auto\","
    "\"description\":\"auto, source, transform or sink; accepted for pipelines written for the "
    "original tool: the role follows the stage's place in the pipeline.\"}"
    "]}";

#define DEFAULT_MESSAGE "\"Hello from WASM Echo Plugin!\""
#define METADATA_MEMBER "\"_echo_processed\":true"

/* The message as a JSON string literal, quotes included: copied from the config as it came. */
static char *message_literal;
static bool add_metadata;
static bool source_done;

CV_EXPORT("cv_describe") cv_packed cv_describe(void) { return cv_return_text(DESCRIPTION); }

static int set_message(cv_str literal) {
    char *copy = malloc(literal.len + 1);
    if (copy == NULL) return cv_fail_status("E_NOMEM", "out of memory reading message");
    memcpy(copy, literal.ptr, literal.len);
    copy[literal.len] = '\0';
    free(message_literal);
    message_literal = copy;
    return CV_OK;
}

static bool is_mode(cv_str value) {
    static const char *const MODES[] = {"auto", "source", "transform", "sink"};
    for (size_t i = 0; i < sizeof MODES / sizeof MODES[0]; i++) {
        if (cv_json_string_equals(value, MODES[i], strlen(MODES[i]))) return true;
    }
    return false;
}

CV_EXPORT("cv_configure") int32_t cv_configure(const char *config, int32_t len) {
    add_metadata = true;
    source_done = false;
    if (set_message(cv_str_of(DEFAULT_MESSAGE)) != CV_OK) return -1;

    cv_json_members members;
    cv_json_member member;
    if (!cv_json_members_begin(&members, (cv_str){config, (size_t)len})) {
        return cv_fail_status("E_CONFIG", "the configuration is not a JSON object");
    }
    while (cv_json_members_next(&members, &member)) {
        if (cv_json_key_is(&member, "message")) {
            if (member.type != CV_JSON_STRING) {
                return cv_fail_status("E_CONFIG", "message must be a string, not %s", cv_json_type_name(member.type));
            }
            if (set_message(member.value) != CV_OK) return -1;
        } else if (cv_json_key_is(&member, "add_metadata")) {
            if (member.type != CV_JSON_TRUE && member.type != CV_JSON_FALSE) {
                return cv_fail_status("E_CONFIG", "add_metadata must be a boolean, not %s", cv_json_type_name(member.type));
            }
            add_metadata = member.type == CV_JSON_TRUE;
        } else if (cv_json_key_is(&member, "mode")) {
            if (!is_mode(member.value)) {
                return cv_fail_status("E_CONFIG", "mode must be one of auto, source, transform, sink");
            }
        }
    }
    if (members.failed) return cv_fail_status("E_CONFIG", "the configuration is not valid JSON");
    return CV_OK;
}

CV_EXPORT("cv_next") cv_packed cv_next(void) {
    if (source_done) return cv_return_empty();
    source_done = true;
    cv_buf row;
    cv_buf_init(&row, 96 + strlen(message_literal));
    cv_buf_append_text(&row, "{\"message\":");
    cv_buf_append_text(&row, message_literal);
    cv_buf_append_text(&row, ",\"plugin\":\"echo-wasm\",\"type\":\"source\"}\n");
    return cv_buf_return(&row);
}

/* Copies a row's members, leaving out an earlier _echo_processed, and adds the mark last. */
static bool append_marked_row(cv_buf *out, cv_str row) {
    cv_json_members members;
    cv_json_member member;
    if (!cv_json_members_begin(&members, row)) return false;
    cv_buf_append_char(out, '{');
    while (cv_json_members_next(&members, &member)) {
        if (cv_json_key_is(&member, "_echo_processed")) continue;
        cv_buf_append_str(out, member.whole);
        cv_buf_append_char(out, ',');
    }
    cv_buf_append_text(out, METADATA_MEMBER "}\n");
    return !members.failed;
}

CV_EXPORT("cv_transform") cv_packed cv_transform(const char *batch, int32_t len) {
    if (!add_metadata) return cv_return_bytes(batch, (size_t)len);
    cv_buf out;
    cv_buf_init(&out, (size_t)len + (size_t)len / 2 + 64);
    cv_lines lines = cv_lines_of(batch, (size_t)len);
    cv_str row;
    while (cv_lines_next(&lines, &row)) {
        if (!append_marked_row(&out, row)) {
            cv_buf_free(&out);
            return cv_fail("E_DATA", "row %zu is not a JSON object", lines.number);
        }
    }
    return cv_buf_return(&out);
}

CV_EXPORT("cv_write") int32_t cv_write(const char *batch, int32_t len) {
    (void)batch;
    if (len == 0) return cv_fail_status("E_DATA", "Received empty data");
    return CV_OK;
}
