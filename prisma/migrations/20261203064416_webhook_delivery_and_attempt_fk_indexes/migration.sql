-- CreateIndex
CREATE INDEX "WebhookDelivery_outboxId_idx" ON "WebhookDelivery"("outboxId");

-- CreateIndex
CREATE INDEX "WebhookAttempt_deliveryId_attempt_idx" ON "WebhookAttempt"("deliveryId", "attempt");

