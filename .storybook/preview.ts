import type { Preview } from '@storybook/react-vite';
import 'react-payment-sessions/styles.css';

const preview: Preview = {
  parameters: {
    layout: 'padded',
    // Every story is checked with axe; a violation fails the story test.
    a11y: { test: 'error' },
    controls: { expanded: true },
  },
};

export default preview;
