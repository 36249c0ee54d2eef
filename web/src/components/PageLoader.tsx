import { Center, Loader, Skeleton, Stack } from '@mantine/core';

export interface PageLoaderProps {
  /** What is loading, for screen readers */
  label?: string;
  /** `skeleton` shows grey bars where a list or a page will be; `spinner` a centred loader */
  variant?: 'spinner' | 'skeleton';
  /** Fill the whole viewport (before the shell is there) */
  fullScreen?: boolean;
}

/** The loading state of a page: never a blank screen. */
export function PageLoader({ label = 'Loading', variant = 'spinner', fullScreen = false }: PageLoaderProps) {
  if (variant === 'skeleton') {
    return (
      <Stack gap="sm" role="status" aria-live="polite" aria-label={label} p="md">
        <Skeleton height={28} width="40%" />
        <Skeleton height={16} width="70%" />
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} height={36} />
        ))}
      </Stack>
    );
  }
  return (
    <Center h={fullScreen ? '100dvh' : 240} role="status" aria-live="polite" aria-label={label}>
      <Loader />
    </Center>
  );
}
