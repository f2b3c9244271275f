-- wrk script for scripts/bench-service.sh: each request redeems a different pre-issued pass.
-- Tokens come from $TOKENS (one per line), shared out between wrk threads; $API_KEY is a
-- partner key. Counts answers by status, so the script reports how many were 201.
local threads = {}
local counter = 0

function setup(thread)
    thread:set("id", counter)
    counter = counter + 1
    table.insert(threads, thread)
end

function init(args)
    tokens = {}
    local i = 0
    for line in io.lines(os.getenv("TOKENS")) do
        if i % tonumber(os.getenv("WRK_THREADS")) == id then table.insert(tokens, line) end
        i = i + 1
    end
    next_token = 1
    created, conflict, other = 0, 0, 0
    headers = { ["Authorization"] = "Bearer " .. os.getenv("API_KEY"), ["Content-Type"] = "application/json" }
end

function request()
    local token = tokens[next_token]
    if token == nil then
        -- Out of fresh passes: the benchmark was given too few; these will be 409s.
        token = tokens[1]
    else
        next_token = next_token + 1
    end
    return wrk.format("POST", "/v1/redemptions", headers, '{"token":"' .. token .. '"}')
end

function response(status, headers, body)
    if status == 201 then created = created + 1
    elseif status == 409 then conflict = conflict + 1
    else other = other + 1 end
end

function done(summary, latency, requests)
    local c, x, o = 0, 0, 0
    for _, thread in ipairs(threads) do
        c = c + thread:get("created")
        x = x + thread:get("conflict")
        o = o + thread:get("other")
    end
    local seconds = summary.duration / 1e6
    io.write(string.format("answers: %d 201, %d 409, %d other, in %.2f s\n", c, x, o, seconds))
    io.write(string.format("redeemed/s: %.0f\n", c / seconds))
    for _, p in ipairs({ 50, 90, 99, 99.9 }) do
        io.write(string.format("p%s: %.2f ms\n", p, latency:percentile(p) / 1000))
    end
    io.write(string.format("max: %.2f ms\n", latency.max / 1000))
end
