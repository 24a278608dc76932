import "server-only";
import { AppError } from "@/lib/api/errors";

/**
 * Reads a request body as text, refusing (413) anything over `limit` bytes without buffering it:
 * a declared Content-Length is checked first, then the stream is counted as it arrives. A gzip or
 * deflate body (some Segment libraries compress) is counted after decompression, so a small bomb
 * cannot expand past the limit either.
 */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  const tooLarge = () => new AppError("payload_too_large", `The request body is larger than ${Math.round(limit / 1024)} KB; send smaller batches.`);
  const encoding = (request.headers.get("content-encoding") ?? "identity").toLowerCase();
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (encoding === "identity" && Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return "";

  let stream: ReadableStream<Uint8Array> = request.body;
  if (encoding === "gzip" || encoding === "deflate") {
    stream = stream.pipeThrough(new DecompressionStream(encoding) as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  } else if (encoding !== "identity") {
    throw new AppError("unsupported_media_type", `Content-Encoding "${encoding}" is not supported; send identity, gzip or deflate.`);
  }

  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("bad_request", "The request body could not be read (truncated or corrupt gzip?).");
  }
  return Buffer.concat(chunks).toString("utf8");
}
