import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { SESSION_STATUSES, StatusBadge, ThemeProvider } from 'react-payment-sessions';

const meta = {
  title: 'Components/StatusBadge',
  component: StatusBadge,
  args: { status: 'captured' },
} satisfies Meta<typeof StatusBadge>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Captured: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Captured')).toBeVisible();
  },
};

/** An unrecognised backend status is shown as the backend wrote it, never hidden. */
export const UnknownShowsRawStatus: Story = {
  args: { status: 'unknown', rawStatus: 'refund_requested' },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('refund_requested')).toBeVisible();
  },
};

/** Every status in light and dark, to check contrast with axe. */
export const AllStates: Story = {
  render: () => (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 16 }}>
      {(['light', 'dark'] as const).map((appearance) => (
        <ThemeProvider key={appearance} appearance={appearance} style={{ padding: 12 }}>
          <ul style={{ display: 'flex', flexWrap: 'wrap', gap: 8, listStyle: 'none', margin: 0, padding: 0 }}>
            {SESSION_STATUSES.map((status) => (
              <li key={status}>
                <StatusBadge status={status} rawStatus={status === 'unknown' ? 'on_hold' : undefined} />
              </li>
            ))}
          </ul>
        </ThemeProvider>
      ))}
    </div>
  ),
  play: async ({ canvas }) => {
    await expect(canvas.getAllByText('Disputed')).toHaveLength(2);
  },
};
