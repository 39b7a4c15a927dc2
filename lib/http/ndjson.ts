/**
 * A streamed answer of one JSON value per line (`application/x-ndjson`), for long runs that show
 * progress. Each value is flushed as it is produced; a throw mid-stream (the status is already
 * sent) ends the stream with an `{ "type": "error", ... }` line instead of a cut-off body.
 */
import { NO_STORE } from "./response";

export function ndjsonResponse(events: AsyncIterable<unknown>): Response {
  const encoder = new TextEncoder();
  const iterator = events[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
      } catch (e) {
        console.error(e);
        controller.enqueue(encoder.encode(`${JSON.stringify({ type: "error", error: { code: "internal_error", message: "The run failed on the server; the error is in its log" } })}\n`));
        controller.close();
      }
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", ...NO_STORE } });
}
