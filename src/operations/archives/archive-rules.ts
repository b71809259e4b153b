/** Actions that change nothing an archive holds (reading, downloading, archiving itself). */
export const NOT_A_CHANGE = ['archive.', 'document.downloaded', 'document.bundle_downloaded'];

/** How long a client should wait before asking again for an archive being built. */
export const ARCHIVE_RETRY_AFTER_SECONDS = 2;
