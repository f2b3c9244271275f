import SpentList

/// What PostgreSQL holds beyond the shared schema: the function that records a batch of online
/// redemptions with their chain links in one call (SPEC.md §12.2), so the chain costs the hot
/// path no round trip. It runs in the caller's transaction; after its first statement has taken
/// the `feed_counter` row lock (which every writer of redemptions takes first), each statement
/// sees every earlier commit, so the passes it finds unrecorded are exactly those it records.
enum PostgresChain {
    /// Statements applied with the shared migration of the same identifier, each sent whole.
    static let extras: [String: [String]] = [
        "v5: tokens as scanned, the chain of redemptions": [redeemFunction],
    ]

    static let redeemFunction = #"""
        CREATE FUNCTION passnum_redeem(
            p_kids text[], p_serials int8[], p_values int8[], p_partners int8[], p_times int8[], p_tokens text[], p_recorded int8
        ) RETURNS TABLE (out_ord int8, out_prev text) LANGUAGE plpgsql VOLATILE AS $fn$
        DECLARE
            n int8 := cardinality(p_kids);
            base int8;
            head bytea;
            ords int8[];
            prevs text[] := '{}';
            i int8;
        BEGIN
            UPDATE feed_counter SET value = value + n WHERE name = 'feed'
                RETURNING value - n, coalesce(decode(feed_counter.chain_head, 'hex'), decode(repeat('00', 32), 'hex')) INTO base, head;
            -- The requests to record, in order: the first for each pass, not revoked, not recorded.
            SELECT coalesce(array_agg(t.ord ORDER BY t.ord), '{}') INTO ords
              FROM (SELECT u.kid, u.serial, u.ord, row_number() OVER (PARTITION BY u.kid, u.serial ORDER BY u.ord) AS nth
                      FROM unnest(p_kids, p_serials) WITH ORDINALITY AS u(kid, serial, ord)) t
             WHERE t.nth = 1
               AND NOT EXISTS (SELECT 1 FROM revocations v WHERE v.kid = t.kid AND v.first_serial <= t.serial AND v.last_serial >= t.serial)
               AND NOT EXISTS (SELECT 1 FROM redemptions r WHERE r.kid = t.kid AND r.serial = t.serial);
            FOREACH i IN ARRAY ords LOOP
                prevs := prevs || encode(head, 'hex');
                head := sha256(convert_to('passnum-chain:v1', 'UTF8') || head || decode(p_kids[i], 'hex')
                    || substring(int8send(p_serials[i]) from 3) || substring(int8send(p_values[i]) from 5)
                    || int8send(p_times[i]) || int8send(p_partners[i]) || convert_to(p_tokens[i], 'UTF8'));
            END LOOP;
            -- No ON CONFLICT: under the lock none can happen, and if one did the chain would be
            -- wrong, so the transaction fails instead (the primary key still decides).
            INSERT INTO redemptions (kid, serial, value_cents, partner_id, redeemed_at_ms, recorded_at_ms, feed_seq, token, chain_prev)
            SELECT p_kids[x.o], p_serials[x.o], p_values[x.o], p_partners[x.o], p_times[x.o], p_recorded, base + x.o, p_tokens[x.o], x.c
              FROM unnest(ords, prevs) AS x(o, c);
            IF cardinality(ords) > 0 THEN
                UPDATE feed_counter SET chain_head = encode(head, 'hex') WHERE name = 'feed';
            END IF;
            RETURN QUERY SELECT x.o, x.c FROM unnest(ords, prevs) AS x(o, c);
        END
        $fn$
        """#
}
