#!/usr/bin/env bash
# Install the Linux bundle (dist/gatekeeper/, made by `make bundle`) for every user:
#
#   sudo installer/linux/install.sh [--from DIR] [--autostart]
#   sudo installer/linux/install.sh --uninstall
#
#   /opt/gatekeeper/                          the bundle
#   /usr/local/bin/gatekeeper                 a link to its executable
#   /usr/local/share/applications/           gatekeeper.desktop (menu entry; kiosk and console
#                                             as actions)
#   /usr/local/share/icons/hicolor/           the icon (SVG and 256 px PNG)
#   /etc/xdg/autostart/                       with --autostart: the kiosk starts full screen
#                                             when anyone logs in graphically (give the gate
#                                             PC a kiosk account that logs in automatically)
#
# For one user only, copy installer/linux/gatekeeper-kiosk-autostart.desktop to that user's
# ~/.config/autostart/ instead of --autostart. DESTDIR=/some/root stages the files under that
# root (packaging, tests). Data stays in each user's data folder; uninstalling keeps it.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
from="$here/../../dist/gatekeeper"
autostart=0
uninstall=0
while (($#)); do
  case $1 in
    --from) from=$2; shift 2 ;;
    --autostart) autostart=1; shift ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

root=${DESTDIR:-}
prefix=/opt/gatekeeper
bin=/usr/local/bin/gatekeeper
apps=/usr/local/share/applications
icons=/usr/local/share/icons/hicolor
xdg_autostart=/etc/xdg/autostart

if ((uninstall)); then
  rm -rf "$root$prefix"
  rm -f "$root$bin" "$root$apps/gatekeeper.desktop" "$root$xdg_autostart/gatekeeper-kiosk.desktop" \
    "$root$icons/scalable/apps/gatekeeper.svg" "$root$icons/256x256/apps/gatekeeper.png"
  echo "gatekeeper removed (the data folders of its users are kept)"
  exit 0
fi

if [[ ! -x $from/gatekeeper ]]; then
  echo "install.sh: no bundle in $from: run \`make bundle\` first, or give --from DIR" >&2
  exit 1
fi

# The bundle is copied whole into a fresh folder: files of an older version do not linger.
mkdir -p "$root$(dirname "$prefix")"
staging="$root$prefix.new"
rm -rf "$staging"
cp -a "$from" "$staging"
rm -f "$staging/.built"
rm -rf "$root$prefix"
mv "$staging" "$root$prefix"

mkdir -p "$root$(dirname "$bin")" "$root$apps" "$root$icons/scalable/apps" "$root$icons/256x256/apps"
ln -sfn "$prefix/gatekeeper" "$root$bin"
resources="$root$prefix/_internal/gatekeeper/resources/icons"
install -m 644 "$resources/gatekeeper.svg" "$root$icons/scalable/apps/gatekeeper.svg"
install -m 644 "$resources/gatekeeper.png" "$root$icons/256x256/apps/gatekeeper.png"
# Exec names the program by its full path: a session's PATH may lack /usr/local/bin.
sed "s|^Exec=gatekeeper|Exec=$bin|" "$here/gatekeeper.desktop" > "$root$apps/gatekeeper.desktop"
chmod 644 "$root$apps/gatekeeper.desktop"
if ((autostart)); then
  mkdir -p "$root$xdg_autostart"
  sed "s|^Exec=gatekeeper|Exec=$bin|" "$here/gatekeeper-kiosk-autostart.desktop" \
    > "$root$xdg_autostart/gatekeeper-kiosk.desktop"
  chmod 644 "$root$xdg_autostart/gatekeeper-kiosk.desktop"
fi
if [[ -z $root ]]; then
  command -v update-desktop-database >/dev/null && update-desktop-database -q "$apps" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$icons" || true
fi
echo "gatekeeper installed in $root$prefix; run \`gatekeeper --self-test\` to check this machine"
