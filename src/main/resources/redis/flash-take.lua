-- The flash-sale gate, one atomic step: window, per-customer limit, remaining units; on a pass it takes the units
-- and counts them against the customer. Answers without touching anything else when the request cannot succeed.
-- KEYS[1] sale hash {remaining, limit, starts, ends, lastPass (epoch ms)}; KEYS[2] buyers hash {customerId -> units}
-- ARGV[1] customer id, ARGV[2] units, ARGV[3] now (epoch ms)
-- Returns 1 pass, 0 sold out, -1 outside the sale's window, -2 over the customer's limit, -3 sale not loaded.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return -3
end
local sale = redis.call('HMGET', KEYS[1], 'remaining', 'limit', 'starts', 'ends')
local remaining, limit, starts, ends = tonumber(sale[1]), tonumber(sale[2]), tonumber(sale[3]), tonumber(sale[4])
local units, now = tonumber(ARGV[2]), tonumber(ARGV[3])
if now < starts or now >= ends then
  return -1
end
local bought = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
if bought + units > limit then
  return -2
end
if remaining < units then
  return 0
end
redis.call('HINCRBY', KEYS[1], 'remaining', -units)
redis.call('HSET', KEYS[1], 'lastPass', ARGV[3])
redis.call('HINCRBY', KEYS[2], ARGV[1], units)
return 1
