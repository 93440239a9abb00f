#!/bin/sh
# Publishes a release of the Työpeili-käsikirja on the web server, or goes back to an earlier one.
#
#   sh release.sh tyopeili-kasikirja-v1.1.tar.gz /var/www         unpack the archive of `make dist`, make it live
#   sh release.sh --switch tyopeili-kasikirja-v1.0 /var/www       make a release unpacked earlier live again
#
# Each release is a folder of its own beside the earlier ones (/var/www/tyopeili-kasikirja-v1.1/);
# /var/www/tyopeili, which nginx serves (deploy/nginx/tyopeili.conf), is a symbolic link to the live
# one. The archive is unpacked into a temporary folder first and checked; the release folder is then
# moved into place, and the link replaced by a new one in a single rename: a reader gets the old
# release or the new one, never half of either. A release whose name is already on the server is
# refused, and nothing is unpacked: publish a change under a new version (`git tag v1.2`).
# Prints one line: what is live now and what was before, or why nothing was changed.
# Needs a POSIX shell, tar with gzip, and GNU mv (-T), as on Debian. tests/test_release.py runs it.

set -eu

LINK=tyopeili
me=release.sh
tmp=

fail() {
    echo "$me: $*" >&2
    exit 1
}

usage() {
    echo "usage: $me ARCHIVE.tar.gz WWW_DIR | $me --switch RELEASE WWW_DIR" >&2
    exit 2
}

# WWW/tyopeili must be a link (or not yet exist): a real folder there is never replaced.
check_link() {
    if [ -e "$1/$LINK" ] && [ ! -L "$1/$LINK" ]; then
        fail "$1/$LINK is not a symbolic link; move it aside before the first release (nothing changed)"
    fi
}

# Points WWW/tyopeili at the release folder $2 in one rename (a link made beside it, moved over it).
switch() {
    previous=$(readlink "$1/$LINK" 2>/dev/null || echo "nothing")
    new="$1/.$LINK.$$.new"
    rm -f "$new"
    ln -s "$2" "$new"
    if ! mv -T "$new" "$1/$LINK"; then
        rm -f "$new"
        fail "could not switch $1/$LINK to $2 (still: $previous)"
    fi
    echo "$me: $1/$LINK is now $2 (was $previous)"
}

[ $# -eq 2 ] || [ $# -eq 3 ] || usage

if [ "$1" = "--switch" ]; then
    [ $# -eq 3 ] || usage
    name=$2
    www=${3%/}
    case $name in "" | .* | */* | "$LINK") fail "$name: not a release name (nothing changed)" ;; esac
    [ -d "$www/$name" ] && [ ! -L "$www/$name" ] || fail "no release $name in $www (nothing changed)"
    [ -f "$www/$name/index.html" ] || fail "$www/$name has no index.html (nothing changed)"
    check_link "$www"
    switch "$www" "$name"
    exit 0
fi

[ $# -eq 2 ] || usage
archive=$1
www=${2%/}
[ -f "$archive" ] || fail "no archive $archive (nothing changed)"
[ -d "$www" ] || fail "no folder $www (nothing changed)"
base=$(basename "$archive")
case $base in
    *.tar.gz) name=${base%.tar.gz} ;;
    *) fail "$archive: not a .tar.gz archive of make dist (nothing changed)" ;;
esac
case $name in "" | .* | "$LINK") fail "$archive: not a release name (nothing changed)" ;; esac
if [ -e "$www/$name" ] || [ -L "$www/$name" ]; then
    fail "$name is already on the server in $www: refused, the live site is as it was (publish a new version)"
fi
check_link "$www"

# Unpacked beside the releases (same file system, so the move below is a rename), hidden by its dot.
tmp=$(mktemp -d "$www/.$name.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
tar -xzf "$archive" -C "$tmp" || fail "$archive could not be unpacked (nothing changed)"
found=$(ls -A "$tmp" | tr '\n' ' ')
[ "$found" = "$name " ] && [ -d "$tmp/$name" ] || fail "$archive holds ${found:-nothing}instead of one folder $name (nothing changed)"
[ -f "$tmp/$name/index.html" ] || fail "$archive has no $name/index.html (nothing changed)"
[ -z "$(find "$tmp/$name" -type l)" ] || fail "$archive holds symbolic links, which nginx refuses (nothing changed)"

[ ! -e "$www/$name" ] && [ ! -L "$www/$name" ] || fail "$name appeared in $www meanwhile: refused (nothing changed)"
mv -T "$tmp/$name" "$www/$name"
switch "$www" "$name"
