/* The SPEC's words for the reason numbers of passverify.h: plain C, so the table is as stable
 * as the header. The Swift side numbers reasons by their place in the SPEC's check order. */
#include "passverify.h"

const char *pv_reason_name(int reason) {
    switch (reason) {
    case PV_VALID: return "valid";
    case PV_MALFORMED: return "malformed";
    case PV_UNSUPPORTED_VERSION: return "unsupported_version";
    case PV_UNKNOWN_KEY: return "unknown_key";
    case PV_KEY_REVOKED: return "key_revoked";
    case PV_KEY_NOT_VALID: return "key_not_valid";
    case PV_BAD_SIGNATURE: return "bad_signature";
    case PV_EXPIRED: return "expired";
    case PV_NOT_JSON: return "not_json";
    case PV_MISSING_FIELD: return "missing_field";
    case PV_WRONG_TYPE: return "wrong_type";
    case PV_WRONG_FORMAT: return "wrong_format";
    case PV_BAD_KID: return "bad_kid";
    case PV_BAD_BASE64: return "bad_base64";
    case PV_BAD_KEY: return "bad_key";
    case PV_KID_MISMATCH: return "kid_mismatch";
    case PV_BAD_TIME: return "bad_time";
    case PV_BAD_VALIDITY: return "bad_validity";
    case PV_UNKNOWN_STATUS: return "unknown_status";
    case PV_DUPLICATE_KID: return "duplicate_kid";
    case PV_BAD_ISSUER: return "bad_issuer";
    case PV_BAD_ROOT_KEY: return "bad_root_key";
    case PV_MALFORMED_SIGNATURE: return "malformed_signature";
    case PV_WRONG_ROOT: return "wrong_root";
    case PV_BAD_LIST_SIGNATURE: return "bad_list_signature";
    case PV_INVALID_ARGUMENT: return "invalid_argument";
    default: return "unknown";
    }
}
