from sipmote.cli import main

raise SystemExit(main())
