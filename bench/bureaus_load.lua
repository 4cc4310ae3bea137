-- bench/bureaus_load.lua — wrk script of bench/bureaus_bench.sh: the other bureaus' load.
-- Each request is one of the busiest lists of the next bureau in turn, with that bureau's own
-- session: GET people?limit=50, meetings, compliance?period=YEAR, evaluations/ID/ranking.
--   wrk ... -s bench/bureaus_load.lua URL -- SESSIONS_FILE YEAR THINK_MS [LISTS]
-- SESSIONS_FILE: one line a bureau, "dj_session-cookie ranking-evaluation-id".
-- THINK_MS: each connection waits this long before its next request (0: back to back).
-- LISTS: which of them, comma-separated (people,meetings,compliance,ranking; default all).
local sessions = {}
local year, think = "2026", 0
local n = 0
local paths = {
    "/api/v1/people?limit=50",
    "/api/v1/meetings",
    "/api/v1/compliance?period=%s",
    "/api/v1/evaluations/%s/ranking",
}
local counter = 1
local kinds = { 1, 2, 3, 4 }

function setup(thread)
    thread:set("id", counter)
    counter = counter + 1
end

function init(args)
    for line in io.lines(args[1]) do
        local cookie, eval = line:match("^(%S+) (%d+)$")
        if cookie then sessions[#sessions + 1] = { cookie, eval } end
    end
    year = args[2] or year
    think = tonumber(args[3] or "0")
    -- args[4]: the lists to open, comma-separated (default: all four)
    if args[4] then
        local names = { people = 1, meetings = 2, compliance = 3, ranking = 4 }
        local chosen = {}
        for w in args[4]:gmatch("[^,]+") do
            if names[w] then chosen[#chosen + 1] = names[w] end
        end
        if #chosen > 0 then kinds = chosen end
    end
    -- the threads start at different bureaus
    n = (id or 1) * 7
end

function request()
    n = n + 1
    local s = sessions[n % #sessions + 1]
    local k = kinds[math.floor(n / #sessions) % #kinds + 1]
    local path
    if k == 3 then
        path = string.format(paths[k], year)
    elseif k == 4 then
        path = string.format(paths[k], s[2])
    else
        path = paths[k]
    end
    return wrk.format("GET", path, { ["Cookie"] = "dj_session=" .. s[1] })
end

function delay()
    return think
end
