-- wrk script: POSTs the queries of a file in turn (one per block, blocks
-- separated by a line "#----"), counts statuses, and tells a timeout (503
-- naming the time limit) from other 503s. Prints one JSON line at the end.
--   wrk -s queries.lua URL -- QUERY_FILE LABEL

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local path, label = args[1], args[2]
  local file = assert(io.open(path, "r"))
  local text = file:read("*a")
  file:close()
  queries = {}
  for block in (text .. "\n#----\n"):gmatch("(.-)\n#%-%-%-%-\n") do
    if block:match("%S") then
      table.insert(queries, block)
    end
  end
  next_query = 1
  counts = {}
  timeouts = 0
  busy = 0
  name = label
end

function request()
  local body = queries[next_query]
  next_query = next_query % #queries + 1
  return wrk.format("POST", "/sparql", {
    ["Content-Type"] = "application/sparql-query",
    ["Accept"] = "application/sparql-results+json",
  }, body)
end

function response(status, headers, body)
  local key = tostring(status)
  counts[key] = (counts[key] or 0) + 1
  if status == 503 then
    if body:find("time limit", 1, true) then
      timeouts = timeouts + 1
    else
      busy = busy + 1
    end
  end
end

function done(summary, latency, requests)
  local total = {}
  local t, b = 0, 0
  local label = ""
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for k, v in pairs(c) do
      total[k] = (total[k] or 0) + v
    end
    t = t + thread:get("timeouts")
    b = b + thread:get("busy")
    label = thread:get("name")
  end
  local parts = {}
  for k, v in pairs(total) do
    table.insert(parts, string.format('"%s": %d', k, v))
  end
  io.write(string.format(
    'RESULT {"label": "%s", "requests": %d, "socket_errors": %d, "timeouts_503": %d, "busy_503": %d, ' ..
    '"p50_ms": %.2f, "p99_ms": %.2f, "statuses": {%s}}\n',
    label, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    t, b, latency:percentile(50) / 1000, latency:percentile(99) / 1000, table.concat(parts, ", ")))
end
