/* Every vector of Vectors/ through libpassverify, compiled with cc against the installed header
 * and library:  cc test_vectors.c $(pkg-config --cflags --libs passverify) -lpthread
 * Usage: test_vectors VECTORS_DIR    (exit 1 on any disagreement) */
#include <passverify.h>

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0, checked = 0;

#define CHECK(cond, ...) do { checked++; if (!(cond)) { failures++; printf("FAIL "); printf(__VA_ARGS__); printf("\n"); } } while (0)

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)size + 1);
    if (fread(buf, 1, (size_t)size, f) != (size_t)size) { perror(path); exit(2); }
    fclose(f);
    buf[size] = 0;
    if (len) *len = (size_t)size;
    return buf;
}

/* The value of "name: value" in a vector file, copied into out ("" if absent). */
static void field(const char *text, const char *name, char *out, size_t size) {
    size_t n = strlen(name);
    out[0] = 0;
    for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        if (strncmp(line, name, n) == 0 && line[n] == ':' && line[n + 1] == ' ') {
            const char *start = line + n + 2, *end = strchr(start, '\n');
            size_t len = end ? (size_t)(end - start) : strlen(start);
            if (len >= size) len = size - 1;
            memcpy(out, start, len);
            out[len] = 0;
            return;
        }
    }
}

/* YYYY-MM-DDTHH:MM:SSZ as Unix seconds (the vectors' times are well formed). */
static int64_t unix_time(const char *t) {
    int y, m, d, hh, mm, ss;
    if (sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &m, &d, &hh, &mm, &ss) != 6) { printf("bad time %s\n", t); exit(2); }
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    return days * 86400 + hh * 3600 + mm * 60 + ss;
}

static int compare(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The names (without .txt) of the vector files in a folder, sorted; returns the count. */
static int names(const char *folder, char ***out) {
    DIR *dir = opendir(folder);
    if (!dir) { perror(folder); exit(2); }
    int count = 0;
    char **list = NULL;
    for (struct dirent *e; (e = readdir(dir));) {
        size_t n = strlen(e->d_name);
        if (n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0) {
            list = realloc(list, sizeof *list * (size_t)(count + 1));
            list[count++] = strndup(e->d_name, n - 4);
        }
    }
    closedir(dir);
    qsort(list, (size_t)count, sizeof *list, compare);
    *out = list;
    return count;
}

/* Calls check(folder, name, text of NAME.txt) for every vector of a folder, in name order. */
static void each_vector(const char *folder, int minimum, void (*check)(const char *, const char *, const char *)) {
    char **list, path[4096];
    int count = names(folder, &list);
    CHECK(count >= minimum, "only %d vectors in %s", count, folder);
    for (int i = 0; i < count; i++) {
        snprintf(path, sizeof path, "%s/%s.txt", folder, list[i]);
        char *text = read_file(path, NULL);
        check(folder, list[i], text);
        free(text);
        free(list[i]);
    }
    free(list);
}

static const pv_verifier *vectors_verifier;

static void pass_vector(const char *folder, const char *name, const char *text) {
    char expect[64], at[64], token[512], value[64];
    (void)folder;
    field(text, "expect", expect, sizeof expect);
    field(text, "at", at, sizeof at);
    field(text, "token", token, sizeof token);
    pv_result r;
    int reason = pv_verify(vectors_verifier, token, strlen(token), unix_time(at), &r);
    CHECK(reason == r.reason && strcmp(pv_reason_name(reason), expect) == 0, "%s: expected %s, got %s", name, expect, pv_reason_name(reason));
    if (strcmp(expect, "valid") != 0) {
        CHECK(r.valid == 0 && r.serial == 0 && r.kid[0] == 0, "%s: fields of a refused pass are zero", name);
        return;
    }
    field(text, "kid", value, sizeof value);
    CHECK(r.valid == 1 && strcmp(r.kid, value) == 0, "%s: kid %s", name, r.kid);
    field(text, "serial", value, sizeof value);
    CHECK(r.serial == strtoull(value, NULL, 10), "%s: serial", name);
    field(text, "valueCents", value, sizeof value);
    CHECK(r.value_cents == strtoul(value, NULL, 10), "%s: value", name);
    field(text, "expires", value, sizeof value);
    CHECK(r.expires_unix == unix_time(value), "%s: expires", name);
}

static void trust_list_vector(const char *folder, const char *name, const char *text) {
    char expect[64], path[4096];
    field(text, "expect", expect, sizeof expect);
    snprintf(path, sizeof path, "%s/%s.json", folder, name);
    size_t len;
    char *json = read_file(path, &len);
    int error = -1;
    pv_verifier *v = pv_verifier_new(json, len, &error);
    CHECK((v != NULL) == (error == PV_VALID) && strcmp(pv_reason_name(error), expect) == 0,
          "trustlists/%s: expected %s, got %s", name, expect, pv_reason_name(error));
    pv_verifier_free(v);
    free(json);
}

/* Standard base64 of exactly 32 bytes (the vectors' root keys are well formed). */
static void base64_32(const char *text, unsigned char out[32]) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned bits = 0, count = 0, n = 0;
    for (const char *c = text; *c && *c != '=' && n < 32; c++) {
        bits = (bits << 6) | (unsigned)(strchr(alphabet, *c) - alphabet);
        count += 6;
        if (count >= 8) { count -= 8; out[n++] = (unsigned char)(bits >> count); bits &= (1u << count) - 1; }
    }
}

/* A signed list (SPEC.md §14): NAME.json, NAME.sig and the root key pinned in NAME.txt. */
static void signed_list_vector(const char *folder, const char *name, const char *text) {
    char expect[64], root_text[64], kid[64], signed_at[64], path[4096];
    unsigned char root[32];
    field(text, "expect", expect, sizeof expect);
    field(text, "root-public-key", root_text, sizeof root_text);
    base64_32(root_text, root);
    size_t len, sig_len;
    snprintf(path, sizeof path, "%s/%s.json", folder, name);
    char *json = read_file(path, &len);
    snprintf(path, sizeof path, "%s/%s.sig", folder, name);
    char *sig = read_file(path, &sig_len);
    pv_list_signature out;
    int reason = pv_check_trust_list_signature(json, len, sig, sig_len, root, &out);
    CHECK(strcmp(pv_reason_name(reason), expect) == 0, "trustlists/signed/%s: expected %s, got %s", name, expect, pv_reason_name(reason));
    if (reason == PV_VALID) {
        field(text, "root-kid", kid, sizeof kid);
        field(text, "signed-at", signed_at, sizeof signed_at);
        CHECK(strcmp(out.root_kid, kid) == 0 && out.signed_at_unix == unix_time(signed_at), "trustlists/signed/%s: kid %s, time %lld", name, out.root_kid, (long long)out.signed_at_unix);
    } else {
        CHECK(out.root_kid[0] == 0 && out.signed_at_unix == 0, "trustlists/signed/%s: fields of a refused signature are zero", name);
    }
    CHECK(pv_check_trust_list_signature(NULL, 0, sig, sig_len, root, &out) == PV_INVALID_ARGUMENT, "NULL list");
    CHECK(pv_check_trust_list_signature(json, len, sig, sig_len, NULL, NULL) == PV_INVALID_ARGUMENT, "NULL root key");
    free(json);
    free(sig);
}

static void scanner_vector(const char *folder, const char *name, const char *text) {
    char expect[512], hex[2048], input[1024], out[512];
    (void)folder;
    field(text, "expect", expect, sizeof expect);
    field(text, "input-hex", hex, sizeof hex);
    size_t len = strlen(hex) / 2;
    for (size_t j = 0; j < len; j++) sscanf(hex + 2 * j, "%2hhx", (unsigned char *)&input[j]);
    long n = pv_normalize_scan(input, len, out, sizeof out);
    const char *got = n >= 0 ? out : "unreadable";
    CHECK(strcmp(got, expect) == 0 && (n < 0 || (size_t)n == strlen(out)), "scanner/%s: expected %s, got %s", name, expect, got);
}

static const char *valid_token;
static int64_t valid_at;

/* Many threads verify on one verifier at once: every answer must stay right. */
static void *hammer(void *verifier) {
    for (int i = 0; i < 2000; i++) {
        pv_result r;
        if (pv_verify(verifier, valid_token, strlen(valid_token), valid_at, &r) != PV_VALID) return (void *)1;
    }
    return NULL;
}

static void api_edges(const char *folder, const pv_verifier *v) {
    char path[4096], token[512], at[64], out[8];
    snprintf(path, sizeof path, "%s/valid-basic.txt", folder);
    char *text = read_file(path, NULL);
    field(text, "token", token, sizeof token);
    field(text, "at", at, sizeof at);
    valid_token = token;
    valid_at = unix_time(at);
    pthread_t threads[4];
    for (int i = 0; i < 4; i++) pthread_create(&threads[i], NULL, hammer, (void *)v);
    for (int i = 0; i < 4; i++) {
        void *result;
        pthread_join(threads[i], &result);
        CHECK(result == NULL, "thread %d saw a wrong answer", i);
    }
    pv_result r;
    CHECK(pv_verify(NULL, token, strlen(token), valid_at, &r) == PV_INVALID_ARGUMENT, "NULL verifier");
    CHECK(pv_verify(v, token, strlen(token), valid_at, NULL) == PV_INVALID_ARGUMENT, "NULL result");
    CHECK(pv_verify(v, NULL, 0, valid_at, &r) == PV_MALFORMED, "NULL text is empty");
    CHECK(pv_verify(v, token, 199, valid_at, &r) == PV_MALFORMED, "length is taken from len, not NUL");
    int error = -1;
    CHECK(pv_verifier_new(NULL, 0, &error) == NULL && error == PV_INVALID_ARGUMENT, "NULL trust list");
    CHECK(pv_verifier_new("{}", 2, NULL) == NULL, "a NULL error pointer is allowed");
    CHECK(pv_normalize_scan("1234", 4, out, 4) == -2, "out too small");
    CHECK(pv_normalize_scan("\xff", 1, out, sizeof out) == -1, "not UTF-8");
    CHECK(strcmp(pv_reason_name(12345), "unknown") == 0, "unknown reason");
    pv_verifier_free(NULL);
    free(text);
}

int main(int argc, char **argv) {
    const char *folder = argc > 1 ? argv[1] : "Vectors";
    char path[4096];
    size_t len;
    snprintf(path, sizeof path, "%s/trustlist.json", folder);
    char *json = read_file(path, &len);
    int error = -1;
    pv_verifier *v = pv_verifier_new(json, len, &error);
    if (!v) { printf("the vectors' trust list is refused: %s\n", pv_reason_name(error)); return 1; }
    vectors_verifier = v;
    each_vector(folder, 20, pass_vector);
    snprintf(path, sizeof path, "%s/trustlists", folder);
    each_vector(path, 40, trust_list_vector);
    snprintf(path, sizeof path, "%s/trustlists/signed", folder);
    each_vector(path, 10, signed_list_vector);
    snprintf(path, sizeof path, "%s/scanner", folder);
    each_vector(path, 10, scanner_vector);
    api_edges(folder, v);
    pv_verifier_free(v);
    free(json);
    printf("C: %d checks, %d failed\n", checked, failures);
    return failures ? 1 : 0;
}
