-- Replaces a sale's gate state with the database's truth (reconciliation), atomically.
-- KEYS[1] sale hash, KEYS[2] buyers hash, KEYS[3] keys hash, KEYS[4] tickets hash (see flash-take.lua)
-- ARGV[1] remaining, ARGV[2] per-customer limit, ARGV[3] starts, ARGV[4] ends (epoch ms), ARGV[5] time to live (ms),
-- ARGV[6] when: "absent" = only if the sale is not loaded; otherwise a time (epoch ms): only if no request passed the
-- gate since then (orders that passed but have not committed yet are not in the database, so replacing the state
-- while they are in flight would count their units twice),
-- ARGV[7] sale id, ARGV[8] channel of restocked sales, ARGV[9] number of buyers n, ARGV[10] number of keys m,
-- then n pairs of customer id and units held or bought (0: bought once, given back), then m triples of
-- customerId:key, ref and ticket id ('-' for none).
-- Returns {status, previous remaining}: status 1 replaced, 2 loaded (was absent), 0 left alone. A replaced or
-- loaded sale with units is announced on the channel, so that no server keeps a sold-out marker for it.
local loaded = redis.call('EXISTS', KEYS[1]) == 1
local previous = redis.call('HGET', KEYS[1], 'remaining') or '-1'
if loaded then
  if ARGV[6] == 'absent' then
    return {0, previous}
  end
  local lastPass = tonumber(redis.call('HGET', KEYS[1], 'lastPass') or '0')
  if lastPass > tonumber(ARGV[6]) then
    return {0, previous}
  end
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
redis.call('HSET', KEYS[1], 'remaining', ARGV[1], 'limit', ARGV[2], 'starts', ARGV[3], 'ends', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
local buyers, keys = tonumber(ARGV[9]), tonumber(ARGV[10])
local i = 11
for _ = 1, buyers do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
  i = i + 2
end
for _ = 1, keys do
  local customer = string.match(ARGV[i], '^([^:]+):')
  redis.call('HSET', KEYS[3], ARGV[i], ARGV[i + 1])
  if ARGV[i + 2] ~= '-' then
    redis.call('HSET', KEYS[4], ARGV[i + 2], customer)
  end
  i = i + 3
end
for k = 2, 4 do
  redis.call('PEXPIRE', KEYS[k], ARGV[5])
end
if tonumber(ARGV[1]) > 0 then
  redis.call('PUBLISH', ARGV[8], ARGV[7])
end
if loaded then
  return {1, previous}
end
return {2, previous}
