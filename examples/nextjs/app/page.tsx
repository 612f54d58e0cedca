// A Server Component: it imports the styled components straight from the package and renders them;
// each of them is a client component (the package marks them 'use client').
import { ExportButton, Pagination, RefundSummary, SessionFilters, SessionList, SessionWorkspace } from 'react-payment-sessions';
import { PaymentsProvider } from './payments-provider';

export default function PaymentsPage() {
  return (
    <main style={{ maxWidth: 1200, margin: '0 auto', padding: 24 }}>
      <h1>Payment sessions</h1>
      <PaymentsProvider>
        <SessionWorkspace syncWithUrl include={{ items: true, refunds: true, disputes: true, fee: true }}>
          <SessionFilters />
          <RefundSummary />
          <ExportButton />
          <SessionList />
          <Pagination />
        </SessionWorkspace>
      </PaymentsProvider>
    </main>
  );
}
