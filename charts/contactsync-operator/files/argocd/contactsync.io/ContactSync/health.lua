-- Argo CD health of a ContactSync, from the status the operator writes (docs/troubleshooting.md).
local hs = {}

local function condition(conditionType)
  if obj.status ~= nil and obj.status.conditions ~= nil then
    for _, c in ipairs(obj.status.conditions) do
      if c.type == conditionType then return c end
    end
  end
  return nil
end

local generation = obj.metadata.generation
if obj.status == nil or obj.status.observedGeneration == nil
    or (generation ~= nil and obj.status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to reconcile this generation"
  return hs
end

local ready = condition("Ready")
if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Ready condition"
  return hs
end

if ready.status == "True" then
  if ready.reason == "Suspended" then
    hs.status = "Suspended"
    hs.message = ready.message or "spec.suspend is true"
    return hs
  end
  local lastRun = condition("LastRunSucceeded")
  if lastRun ~= nil and lastRun.status == "False" then
    hs.status = "Degraded"
    hs.message = "The last run failed: " .. (lastRun.message or lastRun.reason or "")
    return hs
  end
  hs.status = "Healthy"
  hs.message = ready.message or "Reconciled"
  return hs
end

-- Reasons the operator retries by itself: the sync is on its way, not broken.
local transient = { PolicyKeysMissing = true, EndpointNotResolved = true, DependentsFailed = true }
if transient[ready.reason] then
  hs.status = "Progressing"
else
  hs.status = "Degraded"
end
hs.message = (ready.reason or "NotReady") .. ": " .. (ready.message or "")
return hs
