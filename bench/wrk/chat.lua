-- wrk script of the server load benchmark: POSTs chat completions, either to the stub directly
-- (the request Armature itself sends upstream: a system and a user message) or to armature serve
-- (model "support", the conversation id in "conversation", one of 500 conversations in turn).
--
--   wrk -t T -c C -d S -s bench/wrk/chat.lua URL -- direct|armature RATE THREADS
--
-- RATE 0 is closed loop: each connection sends its next request when the last one is answered.
-- Otherwise each wrk thread keeps a schedule of RATE/THREADS requests a second, and a connection
-- that is answered waits for the next free slot of its thread's schedule (wrk's delay()). wrk times
-- a request from when it is written, so a request sent after its slot (every connection of the
-- thread was busy) is counted as late: when late requests are more than a few, the target did not
-- keep up and the latencies understate what an open-loop client would see.
--
-- done() prints one line: "result", requests, seconds, requests/s, p50 µs, p99 µs, p99.9 µs,
-- errors (socket errors, timeouts and non-2xx answers), late requests (more than 1 ms after slot).

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock, bench_timespec *now);
]]
local clock = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local messages = {
  "Where is my order 1182?", "I was charged twice, this is ridiculous", "How do I return a jacket?",
  "Thanks, that helps", "Can I get a refund for order 55120?", "hello", "my parcel is late again",
}
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer bench" }
-- WRK_CLOSE=1: a new connection for every request, as clients that do not keep connections open
-- (the concurrent turns benchmark warms serve up so).
if os.getenv("WRK_CLOSE") == "1" then
  headers["Connection"] = "close"
end

local threads = {}
function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

local target, interval, next_slot
local sent = 0
late = 0 -- global: done() reads it from each thread

function init(args)
  target = args[1] or "direct"
  local rate = tonumber(args[2] or "0")
  local count = tonumber(args[3] or "1")
  if rate > 0 then
    interval = 1000 * count / rate -- ms between this thread's requests
    next_slot = now_ms() + index * interval / count -- threads interleave their slots
  end
end

function delay()
  if not interval then
    return 0
  end
  local slot = next_slot
  next_slot = next_slot + interval
  local wait = slot - now_ms()
  if wait < -1 then
    late = late + 1
  end
  return wait > 0 and math.floor(wait + 0.5) or 0
end

function request()
  sent = sent + 1
  local text = messages[sent % #messages + 1]
  local body
  if target == "armature" then
    local id = (index * 100003 + sent) % 500
    body = '{"model":"support","conversation":"load-' .. id .. '","messages":[{"role":"user","content":"' .. text .. '"}]}'
  else
    body = '{"model":"stub","messages":[{"role":"system","content":"You answer customers."},'
        .. '{"role":"user","content":"' .. text .. '"}]}'
  end
  return wrk.format("POST", nil, headers, body)
end

function done(summary, latency, requests)
  local lates = 0
  for _, thread in ipairs(threads) do
    lates = lates + thread:get("late")
  end
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format("result\t%d\t%.1f\t%.0f\t%d\t%d\t%d\t%d\t%d\n", summary.requests, seconds,
    summary.requests / seconds, latency:percentile(50), latency:percentile(99), latency:percentile(99.9),
    errors, lates))
end
