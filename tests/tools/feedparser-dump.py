"""Prints feedparser's reading of each feed file as one JSON line in topicwire's parse contract shape.

Run with /usr/bin/python3 (the interpreter that sees Debian's python3-feedparser); one process for all files.
"""
import json
import sys
import time
import warnings

import feedparser

warnings.simplefilter('ignore')


def iso(parsed):
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', parsed) if parsed else None


def entry_of(e):
    content = e.get('content') or []
    return {
        'id': e.get('id'),
        'title': e.get('title'),
        'link': e.get('link'),
        'published': iso(e.get('published_parsed')),
        'updated': iso(e.get('updated_parsed')),
        'author': e.get('author'),
        'summary': e.get('summary'),
        'content': content[0].get('value') if content else None,
        'categories': [t.get('term') for t in e.get('tags') or [] if t.get('term')],
    }


for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        data = f.read()
    try:
        r = feedparser.parse(data)
    except Exception as error:  # feedparser itself crashes on a few inputs (surrogate character references)
        print(json.dumps({'file': path, 'crash': repr(error)}))
        continue
    feed = r.get('feed', {})
    out = {
        'file': path,
        'bozo': bool(r.get('bozo')),
        'version': r.get('version'),
        'feed': {
            'title': feed.get('title'),
            'link': feed.get('link'),
            'description': feed.get('subtitle'),
            'language': feed.get('language'),
        },
        'items': [entry_of(e) for e in r.get('entries', [])],
    }
    print(json.dumps(out))
