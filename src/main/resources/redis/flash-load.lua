-- Replaces a sale's gate state with the database's truth (reconciliation), atomically.
-- KEYS[1] sale hash, KEYS[2] buyers hash
-- ARGV[1] remaining, ARGV[2] per-customer limit, ARGV[3] starts, ARGV[4] ends (epoch ms), ARGV[5] time to live (ms),
-- ARGV[6] when: "absent" = only if the sale is not loaded; otherwise a time (epoch ms): only if no request passed the
-- gate since then (orders that passed but have not committed yet are not in the database, so replacing the state
-- while they are in flight would count their units twice),
-- then pairs of customer id and units held or bought.
-- Returns {status, previous remaining}: status 1 replaced, 2 loaded (was absent), 0 left alone.
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
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HSET', KEYS[1], 'remaining', ARGV[1], 'limit', ARGV[2], 'starts', ARGV[3], 'ends', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
for i = 7, #ARGV, 2 do
  redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
end
if #ARGV >= 7 then
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
end
if loaded then
  return {1, previous}
end
return {2, previous}
