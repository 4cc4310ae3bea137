-- bench/bureaus_compute.lua — wrk script of bench/bureaus_bench.sh: a recompute of an evaluation,
-- POST with the session cookie and the CSRF token, no body.
--   wrk ... -s bench/bureaus_compute.lua http://HOST/api/v1/evaluations/ID/compute -- COOKIE CSRF
local req

function init(args)
    req = wrk.format("POST", nil, {
        ["Cookie"] = "dj_session=" .. args[1],
        ["X-CSRF-Token"] = args[2],
        ["Content-Length"] = "0",
    })
end

function request()
    return req
end
