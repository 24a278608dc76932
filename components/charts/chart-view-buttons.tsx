"use client";

import { Button } from "@/components/ui/button";
import { ChartIcon, DownloadIcon, TableIcon } from "@/components/ui/icons";

/** Switches a chart to its accessible table view and back. */
export function TableViewToggle({ asTable, onToggle, testId }: { asTable: boolean; onToggle: () => void; testId: string }) {
  return (
    <Button variant="secondary" size="sm" onClick={onToggle} aria-pressed={asTable} data-testid={testId}>
      {asTable ? <ChartIcon className="size-3.5" /> : <TableIcon className="size-3.5" />}
      {asTable ? "Show as chart" : "Show as table"}
    </Button>
  );
}

/** Downloads a chart's data as CSV. */
export function CsvDownloadButton({ onDownload, testId }: { onDownload: () => void; testId: string }) {
  return (
    <Button variant="secondary" size="sm" onClick={onDownload} data-testid={testId}>
      <DownloadIcon className="size-3.5" />
      Download CSV
    </Button>
  );
}
