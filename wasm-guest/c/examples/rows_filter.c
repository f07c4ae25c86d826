/*
 * rows.filter: drops the rows whose "status" is "deleted" and upper-cases the ASCII letters of
 * a string field (config "field", default "name"). Rows keep their bytes otherwise.
 */
#include <stdlib.h>
#include <string.h>

#include "conveyor.h"

static const char DESCRIPTION[] =
    "{\"abi\":1,\"name\":\"rows.filter\",\"version\":\"1.0.0\",\"roles\":[\"transform\"],"
    "\"format\":\"ndjson\","
    "\"description\":\"Drops rows whose status is \\\"deleted\\\" and upper-cases a field. "
    "Only the ASCII letters a to z change; a field that is not a string is left as it is.\","
    "\"parameters\":["
    "{\"name\":\"field\",\"type\":\"string\",\"required\":false,\"default\":\"name\","
    "\"description\":\"The field to upper-case.\"}"
    "]}";

static char *field;
static size_t field_len;

CV_EXPORT("cv_describe") cv_packed cv_describe(void) { return cv_return_text(DESCRIPTION); }

static int set_field(char *name) {
    if (name == NULL) return cv_fail_status("E_NOMEM", "out of memory reading field");
    if (name[0] == '\0') {
        free(name);
        return cv_fail_status("E_CONFIG", "field must not be empty");
    }
    free(field);
    field = name;
    field_len = strlen(name);
    return CV_OK;
}

CV_EXPORT("cv_configure") int32_t cv_configure(const char *config, int32_t len) {
    if (set_field(strdup("name")) != CV_OK) return -1;
    cv_json_members members;
    cv_json_member member;
    if (!cv_json_members_begin(&members, (cv_str){config, (size_t)len})) {
        return cv_fail_status("E_CONFIG", "the configuration is not a JSON object");
    }
    while (cv_json_members_next(&members, &member)) {
        if (!cv_json_key_is(&member, "field")) continue;
        if (member.type != CV_JSON_STRING) {
            return cv_fail_status("E_CONFIG", "field must be a string, not %s", cv_json_type_name(member.type));
        }
        if (set_field(cv_json_string_dup(member.value)) != CV_OK) return -1;
    }
    if (members.failed) return cv_fail_status("E_CONFIG", "the configuration is not valid JSON");
    return CV_OK;
}

static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The letter a \u escape at p stands for, if it is one of a..z; otherwise 0. */
static char escaped_lower_letter(const char *p, const char *end) {
    if (end - p < 6 || p[1] != 'u' || p[2] != '0' || p[3] != '0') return 0;
    int high = hex_digit(p[4]), low = hex_digit(p[5]);
    if (high < 0 || low < 0) return 0;
    char c = (char)(high * 16 + low);
    return c >= 'a' && c <= 'z' ? c : 0;
}

/* Appends a string literal with a..z upper-cased, escaped ones included; other escapes are
 * copied as they are, so the result is valid JSON whenever the input was. */
static void append_upper_cased(cv_buf *out, cv_str literal) {
    const char *p = literal.ptr, *end = literal.ptr + literal.len;
    while (p < end) {
        if (*p == '\\') {
            char letter = escaped_lower_letter(p, end);
            if (letter != 0) {
                cv_buf_append_char(out, (char)(letter - 'a' + 'A'));
                p += 6;
            } else {
                size_t escape_len = end - p >= 6 && p[1] == 'u' ? 6 : 2;
                cv_buf_append(out, p, escape_len);
                p += escape_len;
            }
        } else {
            cv_buf_append_char(out, *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
            p++;
        }
    }
}

typedef enum { ROW_KEEP, ROW_DROP, ROW_INVALID } row_verdict;

/* Reads a row's status and finds the string value to upper-case (len 0 when there is none). */
static row_verdict inspect_row(cv_str row, cv_str *value_to_upper_case) {
    cv_json_members members;
    cv_json_member member;
    bool status_seen = false, field_seen = false;
    *value_to_upper_case = (cv_str){NULL, 0};
    if (!cv_json_members_begin(&members, row)) return ROW_INVALID;
    while (cv_json_members_next(&members, &member)) {
        if (!status_seen && cv_json_key_is(&member, "status")) {
            status_seen = true;
            if (cv_json_string_equals(member.value, "deleted", 7)) return ROW_DROP;
        }
        if (!field_seen && cv_json_string_equals(member.key, field, field_len)) {
            field_seen = true;
            if (member.type == CV_JSON_STRING) *value_to_upper_case = member.value;
        }
    }
    return members.failed ? ROW_INVALID : ROW_KEEP;
}

CV_EXPORT("cv_transform") cv_packed cv_transform(const char *batch, int32_t len) {
    cv_buf out;
    cv_buf_init(&out, (size_t)len);
    cv_lines lines = cv_lines_of(batch, (size_t)len);
    cv_str row;
    while (cv_lines_next(&lines, &row)) {
        cv_str value;
        row_verdict verdict = inspect_row(row, &value);
        if (verdict == ROW_INVALID) {
            cv_buf_free(&out);
            return cv_fail("E_DATA", "row %zu is not a JSON object", lines.number);
        }
        if (verdict == ROW_DROP) continue;
        if (value.len == 0) {
            cv_buf_append_str(&out, row);
        } else {
            cv_buf_append(&out, row.ptr, (size_t)(value.ptr - row.ptr));
            append_upper_cased(&out, value);
            cv_buf_append(&out, value.ptr + value.len, (size_t)(row.ptr + row.len - (value.ptr + value.len)));
        }
        cv_buf_append_char(&out, '\n');
    }
    return cv_buf_return(&out);
}
