-- wrk script for the benchmark: a fixed mix of typical queries (lookups,
-- 2 and 3 hop joins, aggregates, property paths) with random ids from a
-- seeded generator, so both servers get the same sequence.
--   wrk -s mix.lua URL -- SEED [TEMPLATE]
-- With TEMPLATE (1 to 6), only that query shape is sent.

local P = [[
PREFIX ssgr: <https://w3id.org/ssgr/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX b: <http://bench.example/>
]]

local templates = {
  -- lookup
  function() return P .. "SELECT ?p ?o WHERE { b:unit" .. math.random(0, 49999) .. " ?p ?o }" end,
  -- 2 hops
  function() return P .. "SELECT ?person ?name WHERE { ?unit org:unitOf b:org" .. math.random(0, 19999) ..
    " . ?person org:memberOf ?unit ; rdfs:label ?name }" end,
  -- 3 hops
  function() return P .. "SELECT ?pub ?title WHERE { ?unit ssgr:hostCountry b:country" .. math.random(0, 199) ..
    " ; org:unitOf ?org . ?pub dcterms:creator ?org ; dcterms:title ?title } LIMIT 100" end,
  -- aggregate
  function() return P .. "SELECT ?topic (COUNT(?pub) AS ?n) WHERE { ?pub dcterms:creator b:org" .. math.random(0, 19999) ..
    " ; dcterms:subject ?topic } GROUP BY ?topic ORDER BY DESC(?n)" end,
  -- property path
  function() return P .. "SELECT ?broader WHERE { b:topic" .. math.random(0, 499) .. " skos:broader+ ?broader }" end,
  -- aggregate over a join
  function() return P .. "SELECT (COUNT(*) AS ?n) WHERE { ?unit ssgr:hostCountry b:country" .. math.random(0, 199) ..
    " . ?person org:memberOf ?unit }" end,
}

local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end

function init(args)
  math.randomseed(tonumber(args[1] or "1") * 1000 + (id or 0))
  only = tonumber(args[2] or "0")
  failures = 0
end

function request()
  local pick = math.random(1, #templates)
  if only > 0 then pick = only end
  local query = templates[pick]()
  return wrk.format("POST", "/query", {
    ["Content-Type"] = "application/sparql-query",
    ["Accept"] = "application/sparql-results+json",
  }, query)
end

function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  io.write(string.format('RESULT {"requests": %d, "seconds": %.3f, "qps": %.1f, "p50_ms": %.3f, "p99_ms": %.3f, "errors": %d, "non200": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
