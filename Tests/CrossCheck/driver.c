/* Cross-check driver: driver TRUSTLIST CORPUS — one line "AT TEXT" in, one verdict out;
 * driver --signed LIST SIGNATURE ROOT_HEX — the verdict on a signed list (SPEC.md §14);
 * driver --list LIST... — the verdict on loading each list (SPEC.md §7.1). */
#include <passverify.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *path, size_t *len) {
    static char buffers[2][1 << 20];
    static int next = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buffer = buffers[next++ % 2];
    *len = fread(buffer, 1, sizeof buffers[0], f);
    fclose(f);
    return buffer;
}

static int signed_list(char **argv) {
    size_t len, sig_len;
    char *json = slurp(argv[2], &len), *sig = slurp(argv[3], &sig_len);
    unsigned char root[32];
    if (!json || !sig || strlen(argv[4]) != 64) return 2;
    for (int i = 0; i < 32; i++) sscanf(argv[4] + 2 * i, "%2hhx", &root[i]);
    pv_list_signature out;
    int reason = pv_check_trust_list_signature(json, len, sig, sig_len, root, &out);
    if (reason == PV_VALID) printf("valid %s %" PRId64 "\n", out.root_kid, out.signed_at_unix);
    else printf("%s\n", pv_reason_name(reason));
    return 0;
}

/* driver --list LIST...: per list, "valid" or the reason it is refused (SPEC.md §7.1). */
static int load_lists(int argc, char **argv) {
    for (int i = 2; i < argc; i++) {
        size_t len;
        char *json = slurp(argv[i], &len);
        if (!json) return 2;
        int error;
        pv_verifier *v = pv_verifier_new(json, len, &error);
        printf("%s\n", pv_reason_name(error));
        pv_verifier_free(v);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 5 && strcmp(argv[1], "--signed") == 0) return signed_list(argv);
    if (argc >= 2 && strcmp(argv[1], "--list") == 0) return load_lists(argc, argv);
    if (argc != 3) return 2;
    FILE *f = fopen(argv[1], "rb");
    if (!f) return 2;
    static char json[1 << 20], line[4096];
    size_t len = fread(json, 1, sizeof json, f);
    fclose(f);
    int error;
    pv_verifier *v = pv_verifier_new(json, len, &error);
    if (!v) { fprintf(stderr, "trust list refused: %s\n", pv_reason_name(error)); return 2; }
    FILE *corpus = fopen(argv[2], "rb");
    if (!corpus) return 2;
    while (fgets(line, sizeof line, corpus)) {
        char *space = strchr(line, ' '), *end = strchr(line, '\n');
        if (!space || !end) continue;
        *end = 0;
        int64_t at = strtoll(line, NULL, 10);
        pv_result r;
        if (pv_verify(v, space + 1, strlen(space + 1), at, &r) == PV_VALID)
            printf("valid %s %" PRIu64 " %" PRIu32 " %" PRId64 "\n", r.kid, r.serial, r.value_cents, r.expires_unix);
        else
            printf("%s\n", pv_reason_name(r.reason));
    }
    fclose(corpus);
    pv_verifier_free(v);
    return 0;
}
