import "server-only";
import { AppError } from "@/lib/api/errors";
import { MAX_IMPORT_BYTES } from "./schemas";

/** Reads a multipart upload (`file`, optional `mapping` JSON); refuses oversized bodies before reading them. */
export async function readUpload(request: Request): Promise<{ filename: string; file: Uint8Array; mapping: unknown }> {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_IMPORT_BYTES + 64 * 1024) throw new AppError("payload_too_large", `The file is larger than ${MAX_IMPORT_BYTES / 1048576} MB; split it into smaller files.`);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError("bad_request", "Send the file as multipart/form-data with a field named file.");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("bad_request", "The form has no file: send the CSV in a field named file.");
  const mappingText = form.get("mapping");
  let mapping: unknown;
  if (typeof mappingText === "string") {
    try {
      mapping = JSON.parse(mappingText);
    } catch {
      throw new AppError("bad_request", "The mapping field must be JSON: { \"columns\": [ … ] }.");
    }
  }
  return { filename: file.name || "upload.csv", file: new Uint8Array(await file.arrayBuffer()), mapping };
}
