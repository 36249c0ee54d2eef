import type { ComboboxProps } from '@mantine/core';

/**
 * Dropdowns of selects render in a portal and only while open: Mantine keeps closed ones mounted
 * (hidden) by default, and their listbox, labelled like the input, would make "the field labelled
 * Project" ambiguous for assistive technology and browser tests.
 */
export const COMBOBOX_PROPS: ComboboxProps = { withinPortal: true, keepMounted: false };
