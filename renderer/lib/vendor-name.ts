import { VENDOR_LABELS, type ConnectorKind } from '../../core/contract/catalog.ts';

/** "n8n", "Make", …; connectors without a vendor app (push, demo) use their own name. */
export function vendorName(connectorKind: string, connectorName: string): string {
  return (VENDOR_LABELS as Partial<Record<ConnectorKind, string>>)[connectorKind as ConnectorKind] ?? connectorName;
}
