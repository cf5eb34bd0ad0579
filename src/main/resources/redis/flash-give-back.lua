-- Gives units taken by the gate back: the order's transaction rolled back, or the order expired or was cancelled.
-- KEYS[1] sale hash, KEYS[2] buyers hash; ARGV[1] customer id, ARGV[2] units.
-- A sale that is not loaded (Redis restarted) is left alone: reconciliation rebuilds it from the database.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local units = tonumber(ARGV[2])
redis.call('HINCRBY', KEYS[1], 'remaining', units)
local left = redis.call('HINCRBY', KEYS[2], ARGV[1], -units)
if left <= 0 then
  redis.call('HDEL', KEYS[2], ARGV[1])
end
return 1
