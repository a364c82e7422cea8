#!/usr/bin/env bash
# The daily backup (run by investmap-backup.service, or by hand):
#   1. a consistent copy of the database, taken while the server runs
#      (`investmap backup`, which checks the copy's integrity), named by date:
#      $INVESTMAP_BACKUPS/investmap-20261207-023000.sqlite;
#   2. the media files (photos, videos) not yet copied: their names are their
#      content's hash, so a file once copied never changes;
#   3. the oldest database copies removed, keeping $INVESTMAP_KEEP.
# Settings, from the environment:
#   INVESTMAP_DB       the database      (/var/lib/investmap/investmap.sqlite)
#   INVESTMAP_MEDIA    its media folder  (/var/lib/investmap/media; skipped when missing)
#   INVESTMAP_BACKUPS  where copies go   (/var/backups/investmap)
#   INVESTMAP_KEEP     copies kept       (14)
#   INVESTMAP          the program       (investmap on PATH)
# Restore: stop the service, copy a backup over the database (removing its
# -wal and -shm files), start the service.
set -euo pipefail

db=${INVESTMAP_DB:-/var/lib/investmap/investmap.sqlite}
media=${INVESTMAP_MEDIA:-/var/lib/investmap/media}
backups=${INVESTMAP_BACKUPS:-/var/backups/investmap}
keep=${INVESTMAP_KEEP:-14}
investmap=${INVESTMAP:-investmap}

if ! [[ "$keep" =~ ^[1-9][0-9]*$ ]]; then
  echo "备份保留份数应为正整数 INVESTMAP_KEEP must be a positive whole number, not '$keep'" >&2
  exit 2
fi
mkdir -p "$backups"

# Written under a temporary name and renamed when whole: a copy cut short
# (a full disk, a stop) is never taken for a backup, nor counted below.
stamp=$(date -u +%Y%m%d-%H%M%S)
target="$backups/investmap-$stamp.sqlite"
partial="$backups/.investmap-$stamp.sqlite.part"
rm -f "$partial"
trap 'rm -f "$partial"' EXIT
"$investmap" backup --db "$db" --to "$partial"
mv "$partial" "$target"

if [ -d "$media" ]; then
  mkdir -p "$backups/media"
  cp -R --no-clobber --preserve=timestamps "$media/." "$backups/media/"
  echo "媒体文件已同步 media copied to $backups/media ($(find "$backups/media" -type f | wc -l) 个文件 files)"
fi

# Oldest first by name (the names sort by date); all but the newest $keep go.
mapfile -t copies < <(find "$backups" -maxdepth 1 -type f -name 'investmap-????????-??????.sqlite' | sort)
removed=0
for (( i = 0; i < ${#copies[@]} - keep; i++ )); do
  rm -f -- "${copies[$i]}"
  removed=$((removed + 1))
done
echo "备份完成 backup done: $target (保留 kept $(( ${#copies[@]} - removed )) 份 copies, 删除 removed $removed)"
