-- The flash-sale gate, one atomic step: an earlier request with the same Idempotency-Key, the window, the
-- per-customer limit, the remaining units; on a pass it takes the units, counts them against the customer and records
-- the key (and the ticket of a queued sale). Answers without touching anything else when the request cannot succeed.
-- KEYS[1] sale hash {remaining, limit, starts, ends, lastPass (epoch ms)}; KEYS[2] buyers hash {customerId -> units,
-- kept at 0 when given back: every customer who ever passed}; KEYS[3] keys hash {customerId:key -> ref};
-- KEYS[4] tickets hash {ticketId -> customerId}
-- ARGV[1] customer id, ARGV[2] units, ARGV[3] now (epoch ms), ARGV[4] Idempotency-Key, ARGV[5] ref to record:
-- "<ticketId>/<units>" for a queued sale, "-/<units>" for a synchronous one
-- Returns {code, ref}: 2 replay (ref = what the earlier request recorded), 1 pass, 0 sold out, -1 outside the sale's
-- window, -2 over the customer's limit, -3 sale not loaded.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {-3, ''}
end
local keyField = ARGV[1] .. ':' .. ARGV[4]
local earlier = redis.call('HGET', KEYS[3], keyField)
if earlier then
  return {2, earlier}
end
local sale = redis.call('HMGET', KEYS[1], 'remaining', 'limit', 'starts', 'ends')
local remaining, limit, starts, ends = tonumber(sale[1]), tonumber(sale[2]), tonumber(sale[3]), tonumber(sale[4])
local units, now = tonumber(ARGV[2]), tonumber(ARGV[3])
if now < starts or now >= ends then
  return {-1, ''}
end
local bought = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if bought + units > limit then
  return {-2, ''}
end
if remaining < units then
  return {0, ''}
end
redis.call('HINCRBY', KEYS[1], 'remaining', -units)
redis.call('HSET', KEYS[1], 'lastPass', ARGV[3])
redis.call('HINCRBY', KEYS[2], ARGV[1], units)
redis.call('HSET', KEYS[3], keyField, ARGV[5])
local ticket = string.match(ARGV[5], '^([^/]+)/')
if ticket and ticket ~= '-' then
  redis.call('HSET', KEYS[4], ticket, ARGV[1])
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl > 0 then
  redis.call('PEXPIRE', KEYS[2], ttl)
  redis.call('PEXPIRE', KEYS[3], ttl)
  redis.call('PEXPIRE', KEYS[4], ttl)
end
return {1, ''}
