import { json, route } from "@/lib/api/handler";
import { requireApiContext } from "@/lib/auth/context";
import { previewImport } from "@/lib/imports/preview-import";
import { readUpload } from "@/lib/imports/read-upload";

// POST /api/v1/imports/preview — header, first rows and a suggested mapping of a CSV (multipart: file); stores nothing
export const POST = route(async (request) => {
  await requireApiContext(request, "editor");
  const upload = await readUpload(request);
  return json(await previewImport(upload.filename, upload.file));
});
