from .cli.main import main

if __name__ == "__main__":  # spawn/forkserver workers re-import the main module: run the CLI once
    main()
