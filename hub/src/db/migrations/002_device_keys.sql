-- Signed decision logs. A tablet registers its public signing key (a P-256
-- JWK, as JSON text) when it joins; from then on the hub accepts only events
-- signed by it. The hub's own key pair, which countersigns every accepted
-- event, is made once and kept in settings under 'hub-signing-key'.
ALTER TABLE devices ADD COLUMN public_key text;
