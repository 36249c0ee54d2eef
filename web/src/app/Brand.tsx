import { ThemeIcon } from '@mantine/core';
import { IconLifebuoy } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import classes from './Shell.module.css';

export function Brand({ to, label = 'Steward' }: { to: string; label?: string }) {
  return (
    <Link to={to} className={classes.brand} aria-label={`${label} home`}>
      <ThemeIcon size="md" radius="sm" aria-hidden>
        <IconLifebuoy size={18} />
      </ThemeIcon>
      <span>{label}</span>
    </Link>
  );
}
