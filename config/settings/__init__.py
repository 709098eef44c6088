"""Settings package: ``base`` holds what every environment shares; ``dev``, ``test`` and
``production`` each adjust it.  Choose one with DJANGO_SETTINGS_MODULE."""
