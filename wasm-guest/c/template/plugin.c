/*
 * my.tag: a template transform. It adds a field "tag" with the configured text to every row.
 * Rename it, change DESCRIPTION, and replace the body of cv_transform.
 */
#include <stdlib.h>

#include "conveyor.h"

static const char DESCRIPTION[] =
    "{\"abi\":1,\"name\":\"my.tag\",\"version\":\"0.1.0\",\"roles\":[\"transform\"],"
    "\"format\":\"ndjson\","
    "\"description\":\"Adds a field tag to every row.\","
    "\"parameters\":["
    "{\"name\":\"tag\",\"type\":\"string\",\"required\":false,\"default\":\"hello\","
    "\"description\":\"The value of the tag field.\"}"
    "]}";

/* The tag as a JSON string literal, quotes included, copied from the configuration. */
static char *tag_literal;

CV_EXPORT("cv_describe") cv_packed cv_describe(void) { return cv_return_text(DESCRIPTION); }

/* Called once when a run opens the stage, with [stages.config] as JSON (defaults filled in). */
CV_EXPORT("cv_configure") int32_t cv_configure(const char *config, int32_t len) {
    cv_json_members members;
    cv_json_member member;
    cv_str tag = cv_str_of("\"hello\"");
    if (!cv_json_members_begin(&members, (cv_str){config, (size_t)len})) {
        return cv_fail_status("E_CONFIG", "the configuration is not a JSON object");
    }
    while (cv_json_members_next(&members, &member)) {
        if (!cv_json_key_is(&member, "tag")) continue;
        if (member.type != CV_JSON_STRING) return cv_fail_status("E_CONFIG", "tag must be a string");
        tag = member.value;
    }
    if (members.failed) return cv_fail_status("E_CONFIG", "the configuration is not valid JSON");
    cv_buf copy;
    cv_buf_init(&copy, tag.len + 1);
    cv_buf_append_str(&copy, tag);
    cv_buf_append_char(&copy, '\0');
    if (copy.out_of_memory) return cv_fail_status("E_NOMEM", "out of memory");
    free(tag_literal);
    tag_literal = copy.data;
    return CV_OK;
}

/* Copies a row without an earlier tag field and adds the tag last; false if it is not an object. */
static bool append_tagged_row(cv_buf *out, cv_str row) {
    cv_json_members members;
    cv_json_member member;
    if (!cv_json_members_begin(&members, row)) return false;
    cv_buf_append_char(out, '{');
    while (cv_json_members_next(&members, &member)) {
        if (cv_json_key_is(&member, "tag")) continue;
        cv_buf_append_str(out, member.whole);
        cv_buf_append_char(out, ',');
    }
    cv_buf_append_text(out, "\"tag\":");
    cv_buf_append_text(out, tag_literal);
    cv_buf_append_text(out, "}\n");
    return !members.failed;
}

/* One batch in (one JSON object per line), one batch out. The host frees both. */
CV_EXPORT("cv_transform") cv_packed cv_transform(const char *batch, int32_t len) {
    cv_buf out;
    cv_buf_init(&out, (size_t)len * 2 + 64);
    cv_lines lines = cv_lines_of(batch, (size_t)len);
    cv_str row;
    while (cv_lines_next(&lines, &row)) {
        if (!append_tagged_row(&out, row)) {
            cv_buf_free(&out);
            return cv_fail("E_DATA", "row %zu is not a JSON object", lines.number);
        }
    }
    return cv_buf_return(&out);
}
