import type { ReactNode } from 'react';
import 'react-payment-sessions/styles.css';

export const metadata = { title: 'Payment sessions — Next.js example' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ margin: 0, fontFamily: 'system-ui, sans-serif' }}>{children}</body>
    </html>
  );
}
