/** Styled components, built only on the hooks. Filled in by the components issue (#4). */
export {};
