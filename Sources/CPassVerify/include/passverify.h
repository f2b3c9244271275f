/*
 * passverify.h: verifies passnum passes (SPEC.md, format v1) offline, from C or any language
 * with a C foreign-function interface (PHP FFI, Python ctypes, ...).
 *
 *     pv_verifier *v = pv_verifier_new(json, json_len, &error);   // NULL: see pv_reason_name(error)
 *     pv_result r;
 *     if (pv_verify(v, text, strlen(text), (int64_t)time(NULL), &r) == PV_VALID)
 *         printf("%s %llu %u\n", r.kid, (unsigned long long)r.serial, r.value_cents);
 *     else
 *         printf("refused: %s\n", pv_reason_name(r.reason));
 *     pv_verifier_free(v);
 *
 * Link with `pkg-config --cflags --libs passverify`. No Swift type crosses this boundary; a
 * verifier is immutable, so after pv_verifier_new any number of threads may call pv_verify on
 * it at once. Nothing here reads a clock, a file or the network. A pass is identified by
 * (kid, serial): record spends by that pair, never by the text.
 *
 * Stability: the functions, the pv_result fields and the numbers below do not change within
 * major version 1; new reason numbers may be added (treat an unknown one as a refusal).
 */
#ifndef PASSVERIFY_H
#define PASSVERIFY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Reasons: 0 is valid; 1-7 refuse a pass (SPEC.md §6, in check order); 20-32 refuse a trust
 * list (SPEC.md §7.1, in check order); 40-43 refuse a trust list's signature (SPEC.md §14.2,
 * in check order); 90 is a NULL argument. pv_reason_name gives the SPEC's word for each. */
enum {
    PV_VALID = 0,
    PV_MALFORMED = 1,
    PV_UNSUPPORTED_VERSION = 2,
    PV_UNKNOWN_KEY = 3,
    PV_KEY_REVOKED = 4,
    PV_KEY_NOT_VALID = 5,
    PV_BAD_SIGNATURE = 6,
    PV_EXPIRED = 7,
    PV_NOT_JSON = 20,
    PV_MISSING_FIELD = 21,
    PV_WRONG_TYPE = 22,
    PV_WRONG_FORMAT = 23,
    PV_BAD_KID = 24,
    PV_BAD_BASE64 = 25,
    PV_BAD_KEY = 26,
    PV_KID_MISMATCH = 27,
    PV_BAD_TIME = 28,
    PV_BAD_VALIDITY = 29,
    PV_UNKNOWN_STATUS = 30,
    PV_DUPLICATE_KID = 31,
    PV_BAD_ISSUER = 32,
    PV_BAD_ROOT_KEY = 40,
    PV_MALFORMED_SIGNATURE = 41,
    PV_WRONG_ROOT = 42,
    PV_BAD_LIST_SIGNATURE = 43,
    PV_INVALID_ARGUMENT = 90
};

/* An opaque, immutable verifier holding one checked trust list. */
typedef struct pv_verifier pv_verifier;

/* The outcome of pv_verify. When valid is 0, only reason is set and the other fields are 0. */
typedef struct {
    int valid;             /* 1 for a valid pass, else 0 */
    int reason;            /* PV_VALID or the first failed check */
    char kid[9];           /* key id: 8 lowercase hex digits and a NUL */
    uint64_t serial;       /* 1 to 2^48 - 1 */
    uint32_t value_cents;  /* value in euro cents, at least 1 */
    int64_t expires_unix;  /* Unix seconds: the pass is invalid at and after this instant */
} pv_result;

/* Loads and checks a trust list (the bytes of trustlist.json, UTF-8, len bytes, no NUL needed).
 * Returns NULL and sets *error (if error is not NULL) to a PV_ trust-list reason when the list is
 * refused; on success sets *error to PV_VALID. Free the verifier with pv_verifier_free. */
pv_verifier *pv_verifier_new(const char *trustlist_json, size_t len, int *error);

/* What pv_check_trust_list_signature found in a genuine signature. */
typedef struct {
    char root_kid[9];        /* the root key's id: 8 lowercase hex digits and a NUL */
    int64_t signed_at_unix;  /* when the list was signed, Unix seconds */
} pv_list_signature;

/* Checks that a trust list's bytes (len bytes) were signed by the programme's root key
 * (SPEC.md §14): signature is the text of trustlist.json.sig or of the
 * Passnum-Trust-List-Signature header (signature_len bytes; blanks around it are ignored) and
 * root_public_key the 32 bytes of the root public key pinned at set-up. Returns PV_VALID and
 * fills *out (if out is not NULL), or the first failed reason of 40-43, or PV_INVALID_ARGUMENT
 * for a NULL list, signature or key. It does not load the list: give the same bytes to
 * pv_verifier_new once the signature is genuine. pv_verifier_new alone still takes a list
 * without looking for a signature, for a list from a place the partner trusts. */
int pv_check_trust_list_signature(const char *trustlist_json, size_t len, const char *signature, size_t signature_len,
                                  const unsigned char *root_public_key, pv_list_signature *out);

/* Verifies a 200-digit text (len bytes, no NUL needed) at at_unix (Unix seconds), fills *out
 * and returns out->reason. Returns PV_INVALID_ARGUMENT when v or out is NULL. */
int pv_verify(const pv_verifier *v, const char *text, size_t len, int64_t at_unix, pv_result *out);

/* The SPEC's word for a reason ("valid", "malformed", "bad_signature", "duplicate_kid", ...),
 * or "unknown" for a number this version does not know. A static string: never free it. */
const char *pv_reason_name(int reason);

/* The scanner's input layer (SPEC.md §8): writes to out the digits a keyboard-emulating scanner
 * meant (blanks removed, the AZERTY digit row mapped back) and a NUL. Returns the number of
 * digits, -1 when the input is unreadable (another character, or not UTF-8), -2 when out_size is
 * too small (201 is always enough for a pass). */
long pv_normalize_scan(const char *input, size_t len, char *out, size_t out_size);

/* Frees a verifier (NULL is allowed). No other thread may be using it. */
void pv_verifier_free(pv_verifier *v);

#ifdef __cplusplus
}
#endif

#endif
