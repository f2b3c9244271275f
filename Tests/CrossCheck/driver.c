/* Cross-check driver: driver TRUSTLIST CORPUS — one line "AT TEXT" in, one verdict out. */
#include <passverify.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
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
