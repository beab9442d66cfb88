/**
 * Import view: drop or pick a file, column mapping dialog, progress with cancel, summary and quarantine.
 * Mounted by App; placeholder until the import feature fills it in.
 */
export interface ImportViewProps {
  /** An import finished and changed the workspace: App reloads its data. */
  onImported(): void;
  /** Close the view. */
  onClose(): void;
}

export function ImportView(_props: ImportViewProps) {
  return null;
}
