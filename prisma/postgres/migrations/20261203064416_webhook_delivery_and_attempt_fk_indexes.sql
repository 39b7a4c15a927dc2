-- PostgreSQL twin of prisma/migrations/20261203064416_webhook_delivery_and_attempt_fk_indexes.

-- CreateIndex
CREATE INDEX "WebhookDelivery_outboxId_idx" ON "WebhookDelivery"("outboxId");

-- CreateIndex
CREATE INDEX "WebhookAttempt_deliveryId_attempt_idx" ON "WebhookAttempt"("deliveryId", "attempt");

