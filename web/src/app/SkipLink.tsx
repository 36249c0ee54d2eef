import classes from './Shell.module.css';

/** First tab stop of every page: jumps past the header and sidebar. */
export function SkipLink() {
  return (
    <a className={classes.skipLink} href="#main-content">
      Skip to content
    </a>
  );
}
