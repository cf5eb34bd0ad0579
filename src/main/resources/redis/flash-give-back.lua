-- Gives units taken by the gate back: the order's transaction rolled back (then the key it recorded is forgotten too,
-- so that a retry with it is a new request), a queued purchase failed, or the order expired or was cancelled. Then
-- tells every server that the sale has units again (their sold-out markers, FlashSaleGate.RESTOCKED).
-- KEYS[1] sale hash, KEYS[2] buyers hash, KEYS[3] keys hash; ARGV[1] customer id, ARGV[2] units,
-- ARGV[3] Idempotency-Key to forget ('' = keep it), ARGV[4] sale id, ARGV[5] channel.
-- A sale that is not loaded (Redis restarted) is left alone: reconciliation rebuilds it from the database.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local units = tonumber(ARGV[2])
redis.call('HINCRBY', KEYS[1], 'remaining', units)
if redis.call('HINCRBY', KEYS[2], ARGV[1], -units) < 0 then
  redis.call('HSET', KEYS[2], ARGV[1], 0)
end
if ARGV[3] ~= '' then
  redis.call('HDEL', KEYS[3], ARGV[1] .. ':' .. ARGV[3])
end
redis.call('PUBLISH', ARGV[5], ARGV[4])
return 1
