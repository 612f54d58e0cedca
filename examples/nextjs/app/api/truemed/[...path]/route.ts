// GET /api/truemed/payments/v1/payment_sessions — what createTruemedFetcher({ baseUrl: '/api/truemed' }) calls.
import { truemedProxy } from '@/lib/truemed';

export const GET = truemedProxy;
